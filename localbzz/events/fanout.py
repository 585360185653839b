"""After-commit fan-out of an event: live listeners first, then notifications and webhook jobs.

``dispatch_event`` runs after commit (``EventsConfig.ready()`` connects it to
``services.dispatch``): it broadcasts the event to the live groups from the committing
process, through a channel-layer connection kept open per process, and queues the rest
(``complete_dispatch``: notifications, delivery jobs, ``broadcast_at``) as one job, by id.
The pending deliveries were written with the event, in the emitting transaction
(``services.create_deliveries``); the sweep re-dispatches an event whose ``broadcast_at``
stayed empty, so a lost job or a layer outage delays the rest but loses nothing.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.conf import settings
from django.utils import timezone

from localbzz.accounts.permissions import policy_for, role_of
from localbzz.celery import app as celery_app

from .delivery import queue_delivery
from .models import DeliveryStatus, Event, WebhookDelivery
from .notifications import notify_for_event

logger = logging.getLogger(__name__)

STAFF_GROUP = "staff"
#: the Celery job that completes a dispatch after the broadcast (defined in jobs.py)
COMPLETE_JOB = "localbzz.events.jobs.complete_dispatch"
#: seconds a broadcast may take before it counts as failed (the sweep sends it again)
BROADCAST_TIMEOUT = 5.0


def client_group(client_id) -> str:
    """The channel-layer group of one client's users."""
    return f"client_{client_id}"


def groups_for(event: Event) -> list[str]:
    """Who hears an event live: staff always; a client's users when it is client-visible."""
    audience = policy_for(Event).client_audience(event)
    return [STAFF_GROUP, *(client_group(client_id) for client_id in audience)]


def user_group(user_id) -> str:
    """A person's own group: told when their notifications change (``ping_bells``)."""
    return f"user-{user_id}"


def groups_for_user(user) -> list[str]:
    """The live groups a signed-in user joins (none for anonymous or inactive users)."""
    role = role_of(user)
    if role in ("admin", "team"):
        return [STAFF_GROUP, user_group(user.pk)]
    if role == "client" and user.client_id:
        return [client_group(user.client_id), user_group(user.pk)]
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


class LayerLoop:
    """One event loop per process, on a daemon thread, for the channel layer's calls.

    ``async_to_sync`` runs each call in a fresh event loop, and channels-redis keeps its
    connections per loop: every broadcast connected to Redis again (a TCP and pub/sub
    set-up per event). This loop lives as long as the process, so the connection does too.
    A forked child (gunicorn, Celery prefork) starts its own loop on first use.
    """

    def __init__(self):
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pid: int | None = None
        self._lock = threading.Lock()

    def loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None or self._pid != os.getpid():
                loop = asyncio.new_event_loop()
                name = "channel-layer-loop"
                threading.Thread(target=loop.run_forever, name=name, daemon=True).start()
                self._loop, self._pid = loop, os.getpid()
            return self._loop

    def run(self, coro_fn, *args, timeout: float = BROADCAST_TIMEOUT):
        future = asyncio.run_coroutine_threadsafe(coro_fn(*args), self.loop())
        return future.result(timeout)


layer_loop = LayerLoop()


def broadcast(event: Event) -> None:
    """Sends the envelope to the live groups that may see it (at most once: a hint).

    The envelope goes once as JSON text too, so each listener forwards it without encoding
    it again (``LiveConsumer.event_message``).
    """
    envelope = event.envelope()
    message = {"type": "event.message", "event": envelope, "text": json.dumps(envelope)}
    _send(groups_for(event), message)


def ping_bells(user_ids) -> None:
    """Tells the open pages of people just notified to refresh their bell: notifications
    are made after the broadcast (``complete_dispatch``), so the bell's own refresh after
    the live message may come too early."""
    groups = [user_group(user_id) for user_id in dict.fromkeys(user_ids)]
    if groups:
        _send(groups, {"type": "notifications.changed"})


def _send(groups: list[str], message: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return

    async def send_all():
        for group in groups:
            await layer.group_send(group, message)

    if isinstance(layer, InMemoryChannelLayer):
        # The in-memory layer's queues belong to the consumers' loop (tests, runserver).
        _run_async(send_all)
    else:
        layer_loop.run(send_all)


def queue_completion(event_id, broadcast_ok: bool) -> None:
    """Queues the rest of a dispatch (notifications, delivery jobs), on the events queue."""
    options = {"queue": settings.EVENTS_QUEUE} if settings.EVENTS_QUEUE else {}
    celery_app.signature(COMPLETE_JOB, args=(str(event_id), broadcast_ok)).apply_async(**options)


def dispatch_event(event) -> None:
    """Hands a committed event (an ``Event`` or its id) to its consumers.

    The live broadcast comes first and is the only step in the committing request: people
    watch screens; notifications (the bell refreshes 300 ms after a live message) and
    delivery jobs follow in ``complete_dispatch``, a job (inline when Celery is eager).
    A failed broadcast or a lost job leaves ``broadcast_at`` empty and the sweep dispatches
    the event again (deliveries and notifications are idempotent).
    """
    if not isinstance(event, Event):
        event = Event.objects.select_related("actor").filter(pk=event).first()
        if event is None:
            return
    ok = True
    try:
        broadcast(event)
    except Exception:
        ok = False
        logger.exception("Could not broadcast event %s", event.pk)
    try:
        queue_completion(event.pk, ok)
    except Exception:
        logger.exception("Could not queue the dispatch of event %s; the sweep will", event.pk)


def complete_dispatch(event_id, broadcast_ok: bool = True) -> None:
    """After the broadcast: notifications, then the delivery jobs; ``broadcast_at`` is set
    when every step (the broadcast included) went through."""
    event = Event.objects.select_related("actor").filter(pk=event_id).first()
    if event is None:
        return
    ok = broadcast_ok
    try:
        notified = notify_for_event(event)
    except Exception:
        notified = []
        ok = False
        logger.exception("Could not create the notifications of event %s", event_id)
    try:
        ping_bells([notification.user_id for notification in notified])
    except Exception:  # a hint: the next live message or page load shows them anyway
        logger.exception("Could not ping the bells of event %s", event_id)
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
