"""Retention (issue 14): with a frozen clock, the nightly job removes exactly what is past
each RETENTION_* period and reports it; the audit chain still verifies afterwards."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest

from forms.models import ApprovalStatus, FormSubmission
from forms.tests.factories import make_form_submission
from localbzz.audit import jobs
from localbzz.audit.models import AuditEntry
from localbzz.audit.trail import record, verify
from localbzz.events.models import (
    Event,
    Notification,
    NotificationKind,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)

pytestmark = pytest.mark.django_db
NOW = datetime(2031, 6, 1, 3, 0, tzinfo=UTC)


def old(days):
    return NOW - timedelta(days=days)


def seed(user):
    events = {}
    for name, age in (("old", 400), ("new", 300)):
        events[name] = Event.objects.create(
            type="client.updated", object_type="clients.client", object_id=name,
            occurred_at=old(age),
        )  # fmt: skip
    endpoint = WebhookEndpoint.objects.create(url="https://hooks.example.com/r", event_types=["*"])
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=events["new"])
    for age in (31, 29):
        WebhookAttempt.objects.create(delivery=delivery, at=old(age), status_code=500)
    kind = NotificationKind.choices[0][0]
    for age in (91, 89):
        Notification.objects.create(user=user, kind=kind, title="t", created_at=old(age))
    for status, age in ((ApprovalStatus.REJECTED, 366), (ApprovalStatus.REJECTED, 364),
                        (ApprovalStatus.PENDING, 900)):  # fmt: skip
        reviewed = old(age) if status == ApprovalStatus.REJECTED else None
        lead = make_form_submission(approval_status=status, reviewed_at=reviewed)
        FormSubmission.objects.filter(pk=lead.pk).update(updated_at=old(age))
    AuditEntry.objects.all().delete()  # the chain starts here: entries of known ages
    for age in (800, 731, 700):
        record("test.fact", occurred_at=old(age))


def test_the_job_removes_what_is_past_its_period_and_reports_it(settings, team_user):
    settings.RETENTION_REJECTED_LEADS_DAYS = 365
    seed(team_user)
    with mock.patch("localbzz.retention.timezone.now", return_value=NOW):
        report = jobs.apply_retention()
    assert report == {
        "audit_entries": 2,
        "events": 1,
        "notifications": 1,
        "rejected_leads": 1,
        "webhook_attempts": 1,
    }
    assert list(Event.objects.values_list("object_id", flat=True)) == ["new"]
    assert WebhookAttempt.objects.count() == 1
    assert Notification.objects.count() == 1
    assert FormSubmission.objects.filter(approval_status=ApprovalStatus.REJECTED).count() == 1
    assert FormSubmission.objects.filter(approval_status=ApprovalStatus.PENDING).count() == 1
    assert verify() is None  # the oldest kept entry anchors the chain
    done = AuditEntry.objects.filter(action="retention.applied").get()
    assert done.detail["removed"] == report
    with mock.patch("localbzz.retention.timezone.now", return_value=NOW):
        assert set(jobs.apply_retention().values()) == {0}  # idempotent


def test_zero_keeps_forever(settings, team_user):
    settings.RETENTION_EVENTS_DAYS = 0
    seed(team_user)
    with mock.patch("localbzz.retention.timezone.now", return_value=NOW):
        report = jobs.apply_retention()
    assert report["events"] == 0
    assert Event.objects.count() == 2


def test_the_job_is_on_the_nightly_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["privacy-retention"]
    assert entry["task"] == jobs.apply_retention.name
