"""Celery jobs of the events app: thin wrappers that load by id and call a service."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from . import delivery, fanout
from .models import WebhookDelivery
from .notifications import SEND_MAIL_JOB


@shared_task(name=delivery.DELIVER_JOB, acks_late=True, ignore_result=True)
def deliver_webhook(delivery_id: str, attempts: int | None = None) -> None:
    """Makes one attempt of a webhook delivery; queues a short retry itself."""
    delay = delivery.webhook_deliver(delivery_id=delivery_id, expected_attempts=attempts)
    # Outside the attempt's transaction, so the attempt log is committed whatever happens
    # here. Long waits are left to the sweep (next_attempt_at), never to long countdowns.
    if (
        delay is not None
        and delay <= settings.WEBHOOK_SHORT_RETRY_MAX
        and not deliver_webhook.app.conf.task_always_eager
    ):
        current = (
            WebhookDelivery.objects.filter(pk=delivery_id)
            .values_list("attempts", flat=True)
            .first()
        )
        if current is not None:
            delivery.queue_delivery(delivery_id, current, countdown=delay)


@shared_task(acks_late=True, ignore_result=True)
def dispatch_event(event_id: str) -> None:
    """Fans out one committed event."""
    fanout.dispatch_event(event_id)


@shared_task(name=fanout.COMPLETE_JOB, acks_late=True, ignore_result=True)
def complete_dispatch(event_id: str, broadcast_ok: bool = True) -> None:
    """Notifications and delivery jobs of an event already broadcast."""
    fanout.complete_dispatch(event_id, broadcast_ok)


@shared_task(ignore_result=True)
def sweep_events() -> dict:
    """Re-queues due webhook deliveries and events never dispatched (Celery beat)."""
    return delivery.sweep()


@shared_task(name=SEND_MAIL_JOB, acks_late=True, ignore_result=True)
def send_notification_email(
    user_id: str, kind: str, title: str, body: str, url: str, event_id: str | None = None
) -> None:
    """E-mails one notification to one user."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    send_mail(
        subject=f"[LocalBzz] {title}",
        message=f"{body}\n\n{url}".strip(),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
        fail_silently=False,
    )
