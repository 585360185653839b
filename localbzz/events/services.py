"""Writing events: ``emit`` is called by services inside their transaction."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Model

from .models import Event
from .representation import represent

#: event types whose subject a client's own users may see (in the portal, on /ws/live/)
CLIENT_VISIBLE_TYPES = {
    "shoot.created",
    "shoot.status_changed",
    "shoot.updated",
    "shoot.deleted",
    "deliverable.created",
    "deliverable.status_changed",
    "deliverable.updated",
    "deliverable.deleted",
    "portal_request.created",
    "portal_request.updated",
    "portal_request.replied",
    "client.updated",
    "client.status_changed",
}


def _client_id_of(obj: Model):
    if obj._meta.label_lower == "clients.client":
        return obj.pk
    return getattr(obj, "client_id", None)


def emit(
    event_type: str,
    obj: Model,
    *,
    actor=None,
    changes: dict | None = None,
    representation: dict | None = None,
) -> Event:
    """Records an event about ``obj`` in the current transaction (the outbox).

    Fan-out (webhooks, live broadcast, notifications) is queued with
    ``transaction.on_commit``, so a rolled-back change publishes nothing, and a periodic
    sweep re-dispatches whatever the queue lost.
    """
    actor = actor if getattr(actor, "is_authenticated", False) else None
    client_id = _client_id_of(obj)
    event = Event.objects.create(
        type=event_type,
        actor=actor,
        client_id=client_id,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        client_visible=client_id is not None and event_type in CLIENT_VISIBLE_TYPES,
        data={
            "object": representation if representation is not None else represent(obj),
            "changes": changes or {},
        },
    )
    transaction.on_commit(lambda: dispatch(event.pk))
    return event


def dispatch(event_id) -> None:
    """Fans one committed event out. The events app plugs webhooks, live and mail in here."""
    from . import fanout

    fanout.dispatch_event(event_id)
