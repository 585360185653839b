"""A record of every run of a scheduled job (DESIGN.md §8)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class JobOutcome(models.TextChoices):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class JobRun(models.Model):
    """One run of a job of the schedule (``CELERY_BEAT_SCHEDULE``), however it was started:
    beat, the in-process schedule of ``runserver`` or an admin's "run now"."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    job = models.CharField(max_length=100, db_index=True)  # the schedule entry's name
    task = models.CharField(max_length=200)
    trigger = models.CharField(max_length=20, default="schedule")  # schedule | manual
    started_at = models.DateTimeField(db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        max_length=10, choices=JobOutcome.choices, default=JobOutcome.RUNNING
    )
    counts = models.JSONField(default=dict, blank=True)  # what the job returned: {"sent": 3}
    error = models.TextField(blank=True, max_length=10_000)

    class Meta:
        ordering = ("-started_at",)
        indexes = [models.Index(fields=["job", "-started_at"], name="batch_jobrun_job_started")]

    def __str__(self) -> str:
        return f"{self.job} at {self.started_at:%Y-%m-%d %H:%M:%S} ({self.outcome})"

    @property
    def seconds(self) -> float | None:
        if self.finished_at is None:
            return None
        return round((self.finished_at - self.started_at).total_seconds(), 3)


class ReminderSent(models.Model):
    """That ``user`` was reminded of ``key`` (``task:<id>``) on ``day``: once a day at most."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=80)
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key", "day"], name="reminder_once_a_day")
        ]
