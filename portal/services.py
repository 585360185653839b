"""Writes to client portal requests and their threads."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from localbzz.events.services import emit
from localbzz.services import apply_changes, validate_and_save

from .models import ClientPortalRequest, PortalRequestReply


@transaction.atomic
def portal_request_create(*, actor=None, **data) -> ClientPortalRequest:
    """Records a client's request or insight."""
    request = ClientPortalRequest(
        created_by=actor if getattr(actor, "is_authenticated", False) else None, **data
    )
    validate_and_save(request)
    emit("portal_request.created", request, actor=actor)
    return request


@transaction.atomic
def portal_request_update(
    *, portal_request: ClientPortalRequest, actor=None, **data
) -> ClientPortalRequest:
    """Staff change a request's status, priority, topic or assignee."""
    changes = apply_changes(portal_request, data)
    if changes:
        validate_and_save(portal_request)
        emit("portal_request.updated", portal_request, actor=actor, changes=changes)
    return portal_request


@transaction.atomic
def portal_request_reply(
    *, portal_request: ClientPortalRequest, author, body: str
) -> PortalRequestReply:
    """Adds a message to the thread under a request."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write a message."})
    reply = PortalRequestReply(request=portal_request, author=author, body=body)
    validate_and_save(reply)
    portal_request.save(update_fields=["updated_at"])
    emit(
        "portal_request.replied",
        portal_request,
        actor=author,
        changes={
            "reply": {"id": str(reply.pk), "body": body, "author": getattr(author, "email", None)}
        },
    )
    return reply
