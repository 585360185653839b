"""Reads of client portal requests and their threads, scoped to the user."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from localbzz.accounts.permissions import Action
from localbzz.db import related_count

from .models import ClientPortalRequest, PortalRequestReply, RequestStatus


def portal_request_list(*, user, action: str = Action.VIEW) -> QuerySet[ClientPortalRequest]:
    """The portal requests ``user`` may see (a client user: its own client's), with
    ``attachments_count``."""
    return ClientPortalRequest.objects.visible_to(user, action).annotate(
        attachments_count=related_count(ClientPortalRequest, "attachments")
    )


def portal_request_inbox(*, user) -> QuerySet[ClientPortalRequest]:
    """The staff inbox's rows: with client, assignee and author, and ``open_rank``
    (0 New, 1 Working, 2 Done) to put open requests first."""
    return (
        portal_request_list(user=user)
        .select_related("client", "assigned_to", "created_by")
        .annotate(
            open_rank=Case(
                When(status=RequestStatus.NEW, then=Value(0)),
                When(status=RequestStatus.WORKING, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
    )


def portal_request_threads(*, user, client) -> QuerySet[ClientPortalRequest]:
    """The requests of ``client`` that ``user`` may see, with ``reply_count`` (the portal)."""
    return (
        portal_request_list(user=user).filter(client=client).annotate(reply_count=Count("replies"))
    )


def portal_request_get(*, user, pk, action: str = Action.VIEW) -> ClientPortalRequest:
    """One request ``user`` may act on, with client, assignee and author, else 404."""
    found = portal_request_list(user=user, action=action).select_related(
        "client", "assigned_to", "created_by"
    )
    return get_object_or_404(found, pk=pk)


def portal_request_replies(portal_request) -> QuerySet[PortalRequestReply]:
    """The thread under a request the caller already may see, oldest first, with authors."""
    return PortalRequestReply.objects.filter(request=portal_request).select_related("author")
