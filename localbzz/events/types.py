"""Event types: the registry the apps fill in, the client-visible set, subscription checks.

The bottom layer of the events package: it imports nothing else of it. Each app registers
its types in its ``AppConfig.ready()``::

    register_event_types(
        "shoot.created", "shoot.updated", client_visible={"shoot.created", "shoot.updated"}
    )

A type is *subscribable* (offered to webhook endpoints, delivered to ``["*"]``) unless it
is registered with ``subscribable=False`` (the audit-only types of the webhook endpoints).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured, ValidationError

#: the type of the "Send test event" delivery (never emitted by a service)
TEST_EVENT_TYPE = "webhook.test"


@dataclass(frozen=True)
class EventType:
    name: str
    client_visible: bool = False
    subscribable: bool = True


_registry: dict[str, EventType] = {}


def register_event_types(
    *names: str, client_visible: Iterable[str] = (), subscribable: bool = True
) -> None:
    """Registers event types; ``client_visible`` names those a client's own users may see
    (in the portal and on /ws/live/). Registering a type twice alike is harmless."""
    visible = set(client_visible)
    if visible - set(names):
        raise ImproperlyConfigured(f"Not among the names: {sorted(visible - set(names))}")
    for name in names:
        entry = EventType(name, client_visible=name in visible, subscribable=subscribable)
        if _registry.get(name, entry) != entry:
            raise ImproperlyConfigured(f"Event type {name!r} is already registered differently.")
        _registry[name] = entry


def event_types() -> tuple[str, ...]:
    """Every subscribable type, in registration order (the apps' order in settings)."""
    return tuple(name for name, entry in _registry.items() if entry.subscribable)


def event_type_choices() -> list[tuple[str, str]]:
    """Form choices: ``*`` then every subscribable type."""
    return [("*", "All event types")] + [(t, t) for t in event_types()]


def is_client_visible(name: str) -> bool:
    entry = _registry.get(name)
    return entry is not None and entry.client_visible


def is_subscribable(name: str) -> bool:
    entry = _registry.get(name)
    return entry is not None and entry.subscribable


def validate_event_types(value) -> list[str]:
    """A non-empty list of known event types (or ``["*"]``), without duplicates."""
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split() if v]
    if not isinstance(value, (list, tuple)) or not value:
        raise ValidationError('Choose at least one event type (or "*" for all).')
    unknown = [v for v in value if v != "*" and not (isinstance(v, str) and is_subscribable(v))]
    if unknown:
        raise ValidationError(f"Unknown event types: {', '.join(map(str, unknown))}.")
    return sorted(set(value))


# The events package's own types: the audit trail of the webhook endpoints (admins' own
# business, so not offered to endpoints).
register_event_types(
    "webhook_endpoint.created",
    "webhook_endpoint.updated",
    "webhook_endpoint.secret_rotated",
    "webhook_endpoint.disabled",
    "webhook_endpoint.deleted",
    subscribable=False,
)
