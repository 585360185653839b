"""The nightly retention job: removes what is past its ``RETENTION_*`` period and reports it
(in the job's run record and in the audit trail, counts only)."""

from __future__ import annotations

from celery import shared_task

from localbzz.events.models import Event, Notification, WebhookAttempt
from localbzz.retention import apply_retention as apply
from localbzz.retention import register_retention

from .models import AuditEntry
from .trail import record


@shared_task(ignore_result=False)
def apply_retention() -> dict:
    report = apply()
    record("retention.applied", detail={"removed": report})
    return report


def register() -> None:
    """The kernel's kinds: events (with their deliveries), webhook attempts, notifications,
    audit entries (from the old end: the oldest kept entry anchors the chain)."""
    register_retention(
        "events", "RETENTION_EVENTS_DAYS", lambda c: Event.objects.filter(occurred_at__lt=c)
    )
    register_retention(
        "webhook_attempts",
        "RETENTION_WEBHOOK_ATTEMPTS_DAYS",
        lambda c: WebhookAttempt.objects.filter(at__lt=c),
    )
    register_retention(
        "notifications",
        "RETENTION_NOTIFICATIONS_DAYS",
        lambda c: Notification.objects.filter(created_at__lt=c),
    )
    register_retention(
        "audit_entries",
        "RETENTION_AUDIT_DAYS",
        lambda c: AuditEntry.objects.filter(occurred_at__lt=c),
    )
