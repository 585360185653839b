"""Writing events: ``emit`` (the outbox) and the webhook endpoints' own writes.

``emit`` is called by the apps' services inside their transaction. It writes the ``Event``
row and its pending webhook deliveries, and after commit hands the event's id to the
dispatcher that ``fanout`` connects in ``EventsConfig.ready()`` (services sit below fanout).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from localbzz.crypto import encrypted_field_names, seal, seal_change

from .models import Event, WebhookDelivery, WebhookEndpoint, generate_webhook_secret
from .representation import client_id_of, represent
from .types import is_client_visible

logger = logging.getLogger(__name__)

_dispatcher: Callable[[object], None] | None = None
_muted: ContextVar[bool] = ContextVar("events_muted", default=False)


def connect_dispatcher(func: Callable[[object], None]) -> None:
    """Sets what runs after an event's commit (``fanout.dispatch_event``)."""
    global _dispatcher
    _dispatcher = func


def dispatch(event) -> None:
    """Fans one committed event (an ``Event`` or its id) out (live listeners, then
    notifications and webhooks)."""
    if _dispatcher is None:
        logger.warning("No event dispatcher connected; the sweep will dispatch %s", event)
        return
    _dispatcher(event)


def create_deliveries(event: Event) -> list[WebhookDelivery]:
    """Writes a pending delivery per active endpoint subscribed to the event's type."""
    endpoints = WebhookEndpoint.objects.subscribed_to(event.type)
    if not endpoints:
        return []
    return WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(endpoint=endpoint, event=event) for endpoint in endpoints]
    )


@contextmanager
def rehearsal():
    """Within it ``emit`` records nothing (no event, delivery, audit entry or fan-out): for
    writes that are rolled back whatever happens, such as a batch import's dry run."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


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
    if _muted.get():  # a rehearsal that is rolled back (a batch import's dry run)
        return Event(type=event_type, object_type=obj._meta.label_lower, object_id=str(obj.pk))
    actor = actor if getattr(actor, "is_authenticated", False) else None
    client_id = client_id_of(obj)
    client_visible = client_id is not None and is_client_visible(event_type)
    # A model's internal fields (``internal_fields``: shoot crew notes) stay out of events
    # the client's own users receive, as they stay out of those users' API view.
    internal = set(getattr(obj, "internal_fields", ())) if client_visible else set()
    shown = representation if representation is not None else represent(obj)
    # Encrypted-at-rest fields stay encrypted in the payload (``enc:<token>``); the envelope
    # decrypts them when an event is sent or read (localbzz/crypto.py).
    sealed = encrypted_field_names(type(obj))
    shown = {k: seal(v) if k in sealed else v for k, v in shown.items()}
    changes = {k: seal_change(v) if k in sealed else v for k, v in (changes or {}).items()}
    event = Event.objects.create(
        type=event_type,
        actor=actor,
        client_id=client_id,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        client_visible=client_visible,
        data={
            "object": {k: v for k, v in shown.items() if k not in internal},
            "changes": {k: v for k, v in (changes or {}).items() if k not in internal},
        },
    )
    # Pending deliveries are part of the outbox: written in the caller's transaction too.
    create_deliveries(event)
    # After commit only: a rolled-back change publishes nothing. robust=True so a broker or
    # channel-layer outage never turns a committed change into an error for the user; the
    # sweep re-dispatches events whose broadcast_at stayed empty. The instance goes along, so
    # the broadcast reads nothing back.
    transaction.on_commit(lambda: dispatch(event), robust=True)
    return event


# --- Webhook endpoints ---------------------------------------------------------------------

ENDPOINT_FIELDS = ("url", "description", "event_types", "is_active")


def _origin(url: str) -> str:
    """Scheme and host of a URL: its path and query may hold a receiver's token."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}" if parts.netloc else ""


def endpoint_representation(endpoint: WebhookEndpoint) -> dict:
    """An endpoint in events (the audit log): never its secret, nor its URL's path."""
    return {
        "id": str(endpoint.pk),
        "url": _origin(endpoint.url),
        "description": endpoint.description,
        "event_types": list(endpoint.event_types),
        "is_active": endpoint.is_active,
        "disabled_reason": endpoint.disabled_reason,
    }


def emit_endpoint(event_type: str, endpoint: WebhookEndpoint, *, actor=None, changes=None):
    """Records a change of a webhook endpoint (audit only; no secret in the payload)."""
    return emit(
        event_type,
        endpoint,
        actor=actor,
        changes=changes,
        representation=endpoint_representation(endpoint),
    )


@transaction.atomic
def webhook_endpoint_create(
    *, actor, url: str, event_types: list[str], description: str = "", is_active: bool = True
) -> WebhookEndpoint:
    """Registers an endpoint; its secret is generated here and shown to the caller once."""
    endpoint = WebhookEndpoint(
        url=url,
        event_types=event_types,
        description=description,
        is_active=is_active,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    endpoint.full_clean()
    endpoint.save()
    emit_endpoint("webhook_endpoint.created", endpoint, actor=actor)
    return endpoint


@transaction.atomic
def webhook_endpoint_update(*, endpoint: WebhookEndpoint, actor=None, **data) -> WebhookEndpoint:
    """Changes url, description, event types or the active flag (re-enabling clears the
    failure record)."""
    unknown = set(data) - set(ENDPOINT_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "This field cannot be set."))
    before = {name: getattr(endpoint, name) for name in ENDPOINT_FIELDS}
    reenabled = data.get("is_active") is True and not endpoint.is_active
    for name, value in data.items():
        setattr(endpoint, name, value)
    if reenabled:
        endpoint.disabled_at = None
        endpoint.disabled_reason = ""
        endpoint.failing_since = None
        endpoint.consecutive_failures = 0
    if data.get("is_active") is False and endpoint.disabled_at is None:
        endpoint.disabled_at = timezone.now()
        endpoint.disabled_reason = "Disabled by an admin."
    endpoint.full_clean()
    endpoint.save()
    changes = {}
    for name in ENDPOINT_FIELDS:
        old, new = before[name], getattr(endpoint, name)
        if old != new:
            if name == "url":
                old, new = _origin(old), _origin(new)
            changes[name] = {"from": old, "to": new}
    if changes:
        emit_endpoint("webhook_endpoint.updated", endpoint, actor=actor, changes=changes)
    return endpoint


@transaction.atomic
def webhook_endpoint_rotate_secret(*, endpoint: WebhookEndpoint, actor=None) -> str:
    """Replaces the signing secret and returns the new one (shown once). The previous
    secret keeps signing too for ``WEBHOOK_SECRET_GRACE``, so receivers can switch over."""
    endpoint.previous_secret = endpoint.secret
    endpoint.secret = generate_webhook_secret()
    endpoint.secret_rotated_at = timezone.now()
    endpoint.save(update_fields=["secret", "previous_secret", "secret_rotated_at", "updated_at"])
    emit_endpoint(
        "webhook_endpoint.secret_rotated",
        endpoint,
        actor=actor,
        changes={"secret": {"rotated_at": endpoint.secret_rotated_at.isoformat()}},
    )
    return endpoint.secret


@transaction.atomic
def webhook_endpoint_delete(*, endpoint: WebhookEndpoint, actor=None) -> None:
    """Deletes an endpoint with its deliveries and attempt log."""
    emit_endpoint("webhook_endpoint.deleted", endpoint, actor=actor)
    endpoint.delete()
