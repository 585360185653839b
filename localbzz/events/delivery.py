"""Webhook delivery: one attempt, the retry schedule, redelivery, the test event, the sweep.

Above ``services`` (it emits ``webhook_endpoint.disabled``) and below ``fanout``. Jobs are
queued by name: their bodies live in ``jobs.py``, the top of the package.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from localbzz.celery import app as celery_app

from .models import DeliveryStatus, Event, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from .services import dispatch, emit_endpoint
from .types import TEST_EVENT_TYPE
from .webhooks import send

logger = logging.getLogger(__name__)

#: the Celery job that makes one attempt of a delivery (defined in jobs.py)
DELIVER_JOB = "localbzz.events.jobs.deliver_webhook"


def _disable_endpoint(endpoint: WebhookEndpoint, reason: str) -> None:
    """Disables a failing endpoint; its event tells every admin (a notification rule)."""
    now = timezone.now()
    endpoint.is_active = False
    endpoint.disabled_at = now
    endpoint.disabled_reason = reason[:300]
    endpoint.save(update_fields=["is_active", "disabled_at", "disabled_reason", "updated_at"])
    endpoint.deliveries.filter(status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.ABANDONED, last_error="endpoint disabled", updated_at=now
    )
    emit_endpoint(
        "webhook_endpoint.disabled", endpoint, changes={"is_active": {"from": True, "to": False}}
    )


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


def _claim(delivery_id, expected_attempts: int | None):
    """Takes one attempt of a pending delivery: ``(delivery, endpoint, event)`` or None.

    One read (the delivery with its endpoint and event, no lock) and one conditional
    ``UPDATE`` in autocommit: ``attempts`` counts the attempt now, only if nobody counted it
    first, so two workers never send the same attempt and a duplicate job (sweep + retry,
    broker redelivery) holding the old count is a no-op; ``next_attempt_at`` moves past the
    send's timeouts (``WEBHOOK_SWEEP_LEASE``) so the sweep leaves it alone meanwhile. If
    the worker dies while sending, the lease runs out and the sweep queues it again.
    """
    delivery = (
        WebhookDelivery.objects.select_related("endpoint", "event__actor")
        .filter(pk=delivery_id, status=DeliveryStatus.PENDING)
        .first()
    )
    if delivery is None:
        return None
    attempts = delivery.attempts
    if expected_attempts is not None and attempts != expected_attempts:
        return None
    pending = WebhookDelivery.objects.filter(
        pk=delivery.pk, status=DeliveryStatus.PENDING, attempts=attempts
    )
    endpoint = delivery.endpoint
    now = timezone.now()
    if not endpoint.is_active:
        pending.update(
            status=DeliveryStatus.ABANDONED, last_error="endpoint disabled", updated_at=now
        )
        return None
    lease = now + timedelta(seconds=settings.WEBHOOK_SWEEP_LEASE)
    if not pending.update(attempts=attempts + 1, next_attempt_at=lease, updated_at=now):
        return None  # another worker took this attempt first
    delivery.attempts = attempts + 1
    return delivery, endpoint, delivery.event


def _endpoint_health(endpoint: WebhookEndpoint, ok: bool, now) -> None:
    """Keeps the endpoint's delivery health. A success on a healthy endpoint writes (and
    locks) the row at most once a second, so parallel deliveries do not queue on it."""
    endpoints = WebhookEndpoint.objects.filter(pk=endpoint.pk)
    if ok:
        endpoints.filter(
            Q(last_success_at__isnull=True)
            | Q(last_success_at__lt=now - timedelta(seconds=1))
            | Q(failing_since__isnull=False)
            | Q(consecutive_failures__gt=0)
        ).update(last_success_at=now, failing_since=None, consecutive_failures=0)
    else:
        endpoints.update(
            last_failure_at=now,
            failing_since=Coalesce("failing_since", Value(now)),
            consecutive_failures=F("consecutive_failures") + 1,
        )


def webhook_deliver(
    *, delivery_id, expected_attempts: int | None = None, manual: bool = False
) -> float | None:
    """Makes one attempt of a pending delivery; returns the retry delay to queue, if short.

    Three steps, and no transaction or row lock is held during the HTTP request (up to the
    connect + read timeouts): claim the attempt (``_claim``), send, then record the outcome
    in one short transaction. An outcome arriving after an admin restarted the cycle
    (redeliver) is logged and changes nothing else.
    """
    claimed = _claim(delivery_id, expected_attempts)
    if claimed is None:
        return None
    delivery, endpoint, event = claimed
    result = send(endpoint.url, endpoint.signing_secrets(), event.envelope())
    now = timezone.now()
    state = {
        "last_status_code": result.status_code,
        "last_error": result.error,
        "updated_at": now,
    }
    delay = None
    if result.ok:
        state.update(status=DeliveryStatus.SUCCEEDED, delivered_at=now, next_attempt_at=None)
    else:
        code = result.status_code
        retryable = code is None or code >= 500 or code in RETRYABLE_STATUS
        delay = retry_delay(delivery.attempts, result.retry_after) if retryable else None
        if delay is None:
            state.update(status=DeliveryStatus.FAILED, next_attempt_at=None)
        else:
            state.update(next_attempt_at=now + timedelta(seconds=delay))
    with transaction.atomic():
        WebhookAttempt.objects.create(
            delivery=delivery,
            at=now,
            status_code=result.status_code,
            duration_ms=result.duration_ms,
            response_excerpt=result.excerpt,
            error=result.error,
            manual=manual,
        )
        # Only the attempt this job claimed: the row is locked just for this statement's
        # transaction, never during the send.
        current = WebhookDelivery.objects.filter(
            pk=delivery.pk, status=DeliveryStatus.PENDING, attempts=delivery.attempts
        )
        if not current.update(**state):
            return None
        _endpoint_health(endpoint, result.ok, now)
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
    options = {"queue": settings.EVENTS_QUEUE} if settings.EVENTS_QUEUE else {}
    if countdown:
        options["countdown"] = countdown
    celery_app.signature(DELIVER_JOB, args=(str(delivery_id), attempts)).apply_async(**options)


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
