"""Writing events: ``emit`` is called by services inside their transaction."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Model, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import (
    DeliveryStatus,
    Event,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    generate_webhook_secret,
)
from .representation import represent

logger = logging.getLogger(__name__)

#: every event type the services emit (webhook endpoints subscribe to these, or to "*")
EVENT_TYPES = (
    "client.created",
    "client.updated",
    "client.status_changed",
    "client.deleted",
    "team_member.created",
    "team_member.updated",
    "team_member.deleted",
    "shoot.created",
    "shoot.updated",
    "shoot.status_changed",
    "shoot.deleted",
    "deliverable.created",
    "deliverable.updated",
    "deliverable.status_changed",
    "deliverable.deleted",
    "task.created",
    "task.updated",
    "task.assigned",
    "task.completed",
    "task.deleted",
    "form_submission.created",
    "form_submission.updated",
    "form_submission.approved",
    "form_submission.rejected",
    "portal_request.created",
    "portal_request.updated",
    "portal_request.replied",
)
TEST_EVENT_TYPE = "webhook.test"

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
}
# Not client.*: a client event carries the staff representation (internal notes included).


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
    # Pending deliveries are part of the outbox: written in the caller's transaction too.
    from .fanout import create_deliveries

    create_deliveries(event)
    # After commit only: a rolled-back change publishes nothing. robust=True so a broker or
    # channel-layer outage never turns a committed change into an error for the user; the
    # sweep re-dispatches events whose broadcast_at stayed empty.
    transaction.on_commit(lambda: dispatch(event.pk), robust=True)
    return event


def dispatch(event_id) -> None:
    """Fans one committed event out. The events app plugs webhooks, live and mail in here."""
    from . import fanout

    fanout.dispatch_event(event_id)


# --- Webhook endpoints ---------------------------------------------------------------------


def validate_event_types(value) -> list[str]:
    """A non-empty list of known event types (or ``["*"]``), without duplicates."""
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split() if v]
    if not isinstance(value, (list, tuple)) or not value:
        raise ValidationError('Choose at least one event type (or "*" for all).')
    unknown = [v for v in value if v != "*" and v not in EVENT_TYPES]
    if unknown:
        raise ValidationError(f"Unknown event types: {', '.join(map(str, unknown))}.")
    return sorted(set(value))


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
    return endpoint


@transaction.atomic
def webhook_endpoint_update(*, endpoint: WebhookEndpoint, actor=None, **data) -> WebhookEndpoint:
    """Changes url, description, event types or the active flag (re-enabling clears the
    failure record)."""
    allowed = {"url", "description", "event_types", "is_active"}
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "This field cannot be set."))
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
    return endpoint


@transaction.atomic
def webhook_endpoint_rotate_secret(*, endpoint: WebhookEndpoint, actor=None) -> str:
    """Replaces the signing secret and returns the new one (shown once)."""
    endpoint.secret = generate_webhook_secret()
    endpoint.save(update_fields=["secret", "updated_at"])
    return endpoint.secret


@transaction.atomic
def webhook_endpoint_delete(*, endpoint: WebhookEndpoint, actor=None) -> None:
    """Deletes an endpoint with its deliveries and attempt log."""
    endpoint.delete()


def _disable_endpoint(endpoint: WebhookEndpoint, reason: str) -> None:
    from .notifications import notify_admins_endpoint_disabled

    now = timezone.now()
    endpoint.is_active = False
    endpoint.disabled_at = now
    endpoint.disabled_reason = reason[:300]
    endpoint.save(update_fields=["is_active", "disabled_at", "disabled_reason", "updated_at"])
    endpoint.deliveries.filter(status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.ABANDONED, last_error="endpoint disabled", updated_at=now
    )
    notify_admins_endpoint_disabled(endpoint)


# --- Deliveries ----------------------------------------------------------------------------

RETRYABLE_STATUS = {408, 429}


def retry_delay(attempts: int, retry_after: float | None = None) -> float | None:
    """Seconds before the next attempt after ``attempts`` failed ones (None: give up).

    The schedule is ``settings.WEBHOOK_RETRY_SCHEDULE`` (about 5 s, 5 min, 30 min, 2 h, 5 h,
    10 h, 10 h); a receiver's ``Retry-After`` may lengthen a wait, up to a day.
    """
    schedule = settings.WEBHOOK_RETRY_SCHEDULE
    if attempts > len(schedule):
        return None
    delay = float(schedule[attempts - 1])
    if retry_after is not None:
        delay = max(delay, min(float(retry_after), 86400.0))
    return delay


def webhook_deliver(
    *, delivery_id, expected_attempts: int | None = None, manual: bool = False
) -> float | None:
    """Makes one attempt of a pending delivery; returns the retry delay to queue, if short.

    The row is locked with ``skip_locked`` so two workers never send the same attempt;
    ``expected_attempts`` makes a duplicate job (sweep + retry, broker redelivery) a no-op.
    """
    from .webhooks import send

    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .filter(pk=delivery_id, status=DeliveryStatus.PENDING)
            .first()
        )
        if delivery is None:
            return None
        if expected_attempts is not None and delivery.attempts != expected_attempts:
            return None
        # The endpoint row is not locked: deliveries to one endpoint run in parallel.
        endpoint = WebhookEndpoint.objects.get(pk=delivery.endpoint_id)
        if not endpoint.is_active:
            delivery.status = DeliveryStatus.ABANDONED
            delivery.last_error = "endpoint disabled"
            delivery.save(update_fields=["status", "last_error", "updated_at"])
            return None
        event = Event.objects.select_related("actor").get(pk=delivery.event_id)
        result = send(endpoint.url, endpoint.secret, event.envelope())
        now = timezone.now()
        WebhookAttempt.objects.create(
            delivery=delivery,
            at=now,
            status_code=result.status_code,
            duration_ms=result.duration_ms,
            response_excerpt=result.excerpt,
            error=result.error,
            manual=manual,
        )
        delivery.attempts += 1
        delivery.last_status_code = result.status_code
        delivery.last_error = result.error
        delay = None
        endpoints = WebhookEndpoint.objects.filter(pk=endpoint.pk)
        if result.ok:
            delivery.status = DeliveryStatus.SUCCEEDED
            delivery.delivered_at = now
            delivery.next_attempt_at = None
            endpoints.update(last_success_at=now, failing_since=None, consecutive_failures=0)
        else:
            endpoints.update(
                last_failure_at=now,
                failing_since=Coalesce("failing_since", Value(now)),
                consecutive_failures=F("consecutive_failures") + 1,
            )
            code = result.status_code
            retryable = code is None or code >= 500 or code in RETRYABLE_STATUS
            delay = retry_delay(delivery.attempts, result.retry_after) if retryable else None
            if delay is None:
                delivery.status = DeliveryStatus.FAILED
                delivery.next_attempt_at = None
            else:
                delivery.next_attempt_at = now + timedelta(seconds=delay)
        delivery.save()
        if not result.ok:
            endpoint.refresh_from_db()
            if result.status_code == 410:
                _disable_endpoint(endpoint, "The receiver answered 410 Gone.")
            elif (
                endpoint.failing_since
                and now - endpoint.failing_since >= settings.WEBHOOK_DISABLE_AFTER
            ):
                _disable_endpoint(
                    endpoint,
                    f"No successful delivery since {endpoint.failing_since:%Y-%m-%d %H:%M} "
                    f"UTC ({endpoint.consecutive_failures} failed attempts).",
                )
        return delay


def queue_delivery(delivery_id, attempts: int, countdown: float | None = None) -> None:
    """Queues one delivery job (ids only), on the events queue when one is configured."""
    from .jobs import deliver_webhook

    options = {"queue": settings.EVENTS_QUEUE} if settings.EVENTS_QUEUE else {}
    if countdown:
        options["countdown"] = countdown
    deliver_webhook.apply_async((str(delivery_id), attempts), **options)


@transaction.atomic
def webhook_delivery_redeliver(*, delivery: WebhookDelivery, actor=None) -> WebhookDelivery:
    """Starts a new attempt cycle for a delivery (any status), queued after commit."""
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
    if not WebhookEndpoint.objects.filter(pk=delivery.endpoint_id, is_active=True).exists():
        raise ValidationError("The endpoint is disabled; enable it before redelivering.")
    delivery.status = DeliveryStatus.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = timezone.now()
    delivery.last_error = ""
    delivery.save()
    pk = delivery.pk
    transaction.on_commit(lambda: queue_delivery(pk, 0), robust=True)
    return delivery


def webhook_endpoint_send_test(*, endpoint: WebhookEndpoint, actor=None) -> WebhookDelivery:
    """Sends a ``webhook.test`` event to one endpoint now and returns its delivery."""
    if not endpoint.is_active:
        raise ValidationError("The endpoint is disabled; enable it before testing.")
    with transaction.atomic():
        event = Event.objects.create(
            type=TEST_EVENT_TYPE,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            object_type="events.webhookendpoint",
            object_id=str(endpoint.pk),
            data={"object": {"id": str(endpoint.pk), "url": endpoint.url}, "changes": {}},
            broadcast_at=timezone.now(),
        )
        delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=event)
    webhook_deliver(delivery_id=delivery.pk, manual=True)
    delivery.refresh_from_db()
    return delivery


def sweep() -> dict:
    """Re-queues due deliveries and events whose after-commit dispatch never ran.

    A picked delivery's ``next_attempt_at`` moves forward by ``WEBHOOK_SWEEP_LEASE`` so the
    next sweep does not queue it again while its job waits; if the job is lost (worker
    killed, broker down) the lease runs out and the delivery is picked again.
    """
    now = timezone.now()
    WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING, endpoint__is_active=False).update(
        status=DeliveryStatus.ABANDONED, last_error="endpoint disabled", updated_at=now
    )
    due = list(
        WebhookDelivery.objects.due(now)
        .order_by("next_attempt_at")
        .values_list("pk", "attempts")[: settings.WEBHOOK_SWEEP_BATCH]
    )
    if due:
        WebhookDelivery.objects.filter(pk__in=[pk for pk, _ in due]).update(
            next_attempt_at=now + timedelta(seconds=settings.WEBHOOK_SWEEP_LEASE)
        )
    for pk, attempts in due:
        queue_delivery(pk, attempts)
    stale = list(
        Event.objects.filter(
            broadcast_at__isnull=True,
            occurred_at__lt=now - timedelta(seconds=settings.EVENTS_DISPATCH_GRACE),
            occurred_at__gt=now - timedelta(days=1),
        ).values_list("pk", flat=True)[: settings.WEBHOOK_SWEEP_BATCH]
    )
    for event_id in stale:
        dispatch(event_id)
    return {"deliveries": len(due), "events": len(stale)}
