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


class BatchJobStatus(models.TextChoices):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"  # the file had bad rows (the report says which) or the job broke
    CANCELLED = "cancelled"


class BatchJob(models.Model):
    """An import of a file too large to answer inline (``BATCH_INLINE_ROWS``): queued to a
    worker, its progress kept and pushed live (``batch_job.progress``), its report kept."""

    FINISHED = (BatchJobStatus.SUCCEEDED, BatchJobStatus.FAILED, BatchJobStatus.CANCELLED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    collection = models.CharField(max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dry_run = models.BooleanField(default=True)
    file_name = models.CharField(max_length=255, blank=True)
    payload = models.BinaryField(editable=False, default=bytes)  # emptied once the job ends
    host = models.CharField(max_length=255, blank=True)  # of the upload (the serializers' URLs)
    status = models.CharField(
        max_length=10, choices=BatchJobStatus.choices, default=BatchJobStatus.QUEUED
    )
    phase = models.CharField(max_length=10, blank=True)  # validating | writing
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)  # of the current phase
    progress = models.PositiveSmallIntegerField(default=0)  # per cent of the whole job
    cancel_requested = models.BooleanField(default=False)
    report = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"import of {self.file_name or self.collection} ({self.status}, {self.progress}%)"

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED


class CleanupReport(models.Model):
    """What a run of the data cleanup found (``batch.cleanup``): shown at /jobs/cleanup/."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    counts = models.JSONField(default=dict, blank=True)  # {"phone_format": 3, ...}
    findings = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"cleanup report of {self.created_at:%Y-%m-%d %H:%M}"
