"""Reads of client portal requests, scoped to the user."""

from __future__ import annotations

from django.db.models import QuerySet

from localbzz.accounts.permissions import Action

from .models import ClientPortalRequest


def portal_request_list(*, user, action: str = Action.VIEW) -> QuerySet[ClientPortalRequest]:
    """The portal requests ``user`` may see (a client user: its own client's)."""
    return ClientPortalRequest.objects.visible_to(user, action)
