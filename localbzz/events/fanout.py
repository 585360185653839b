"""After-commit fan-out of an event: notifications, live listeners, webhook jobs.

``dispatch_event`` runs after commit (``EventsConfig.ready()`` connects it to
``services.dispatch``) and hands ids, never instances, onwards. The pending deliveries were
written with the event, in the emitting transaction (``services.create_deliveries``).
"""

from __future__ import annotations

import asyncio
import logging
import threading

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.utils import timezone

from localbzz.accounts.permissions import policy_for, role_of

from .delivery import queue_delivery
from .models import DeliveryStatus, Event, WebhookDelivery
from .notifications import notify_for_event

logger = logging.getLogger(__name__)

STAFF_GROUP = "staff"


def client_group(client_id) -> str:
    """The channel-layer group of one client's users."""
    return f"client_{client_id}"


def groups_for(event: Event) -> list[str]:
    """Who hears an event live: staff always; a client's users when it is client-visible."""
    audience = policy_for(Event).client_audience(event)
    return [STAFF_GROUP, *(client_group(client_id) for client_id in audience)]


def groups_for_user(user) -> list[str]:
    """The live groups a signed-in user joins (none for anonymous or inactive users)."""
    role = role_of(user)
    if role in ("admin", "team"):
        return [STAFF_GROUP]
    if role == "client" and user.client_id:
        return [client_group(user.client_id)]
    return []


def _run_async(coro_fn, *args) -> None:
    """Runs an async channel-layer call from sync code, even under a running event loop
    (the Playwright sync API keeps one in the test thread)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        async_to_sync(coro_fn)(*args)
        return
    errors: list[BaseException] = []

    def target():
        try:
            async_to_sync(coro_fn)(*args)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


def broadcast(event: Event) -> None:
    """Sends the envelope to the live groups that may see it (at most once: a hint)."""
    layer = get_channel_layer()
    if layer is None:
        return
    message = {"type": "event.message", "event": event.envelope()}

    async def send_all():
        for group in groups_for(event):
            await layer.group_send(group, message)

    _run_async(send_all)


def dispatch_event(event_id) -> None:
    """Hands a committed event to its consumers: notifications, live groups, delivery jobs.

    Notifications come first so a page refreshing on the live message finds them; the live
    broadcast comes before the delivery jobs because people watch screens and receivers retry.

    Each step is guarded: a broker or channel-layer outage leaves ``broadcast_at`` empty and
    the sweep dispatches the event again (deliveries and notifications are idempotent).
    """
    event = Event.objects.select_related("actor").filter(pk=event_id).first()
    if event is None:
        return
    ok = True
    try:
        notify_for_event(event)
    except Exception:
        ok = False
        logger.exception("Could not create the notifications of event %s", event_id)
    try:
        broadcast(event)
    except Exception:
        ok = False
        logger.exception("Could not broadcast event %s", event_id)
    try:
        pending = WebhookDelivery.objects.filter(
            event=event, status=DeliveryStatus.PENDING
        ).values_list("pk", "attempts")
        for delivery_id, attempts in pending:
            queue_delivery(delivery_id, attempts)
    except Exception:
        ok = False
        logger.exception("Could not queue the deliveries of event %s", event_id)
    if ok:
        Event.objects.filter(pk=event.pk, broadcast_at__isnull=True).update(
            broadcast_at=timezone.now()
        )
