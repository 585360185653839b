"""Imports too large to answer inline (DESIGN.md §7): a Celery job with progress.

A file of more than ``BATCH_INLINE_ROWS`` rows is kept in a ``BatchJob`` row (the worker may
run on another machine) and queued; the caller gets 202 with the job. The worker imports it
with the same ``Importer`` (same report, all or nothing), writes its progress to the row,
checks for a cancel request at each step and keeps the report. ``batch_job.progress``
events go through the outbox (so the dashboard and /ws/live/ hear them like any event) when
the job starts, at each step of its validating pass and when it ends.

While the import's own transaction is open (its writing pass), progress is written from a
short-lived thread with a connection of its own, so pollers see it before the import
commits and a rolled-back dry run does not take it along; no event is emitted from there
(events are audited under a lock the import's transaction holds). On SQLite, where a second
writer would wait for the first, it is written and emitted inline and the final state
stands.
"""

from __future__ import annotations

import io
import logging
import threading

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone
from rest_framework.request import Request

from localbzz.celery import app as celery_app
from localbzz.events.models import NotificationKind
from localbzz.events.notifications import Message, deliver
from localbzz.events.services import emit

from .collections import COLLECTIONS, Collection
from .formats import read
from .importing import Importer, Report
from .models import BatchJob, BatchJobStatus

logger = logging.getLogger(__name__)

RUN_JOB = "batch.jobs.run_import"  # the task (jobs.py) that calls run_import_job
PROGRESS_EVENT = "batch_job.progress"
STEPS = 20  # progress is reported about this many times per pass


class ImportCancelled(Exception):
    """Raised by the progress reporter when the job's owner asked to cancel it."""


def start_import(*, collection: Collection, request, upload, dry_run: bool) -> Report | BatchJob:
    """The report of a small file (imported now), else the queued job of a large one.
    Raises ``formats.FileError`` for an unreadable file."""
    name = getattr(upload, "name", "") or ""
    content = upload.read()
    header, rows, flat = read(io.BytesIO(content), name)
    count = sum(1 for _ in rows)
    if count <= settings.BATCH_INLINE_ROWS:
        header, rows, flat = read(io.BytesIO(content), name)
        return Importer(collection, request, dry_run=dry_run).run(header, rows, flat)
    job = BatchJob.objects.create(
        collection=collection.name,
        user=request.user,
        dry_run=dry_run,
        file_name=name[:255],
        payload=content,
        host=request.get_host(),
        rows_total=count,
    )
    emit(PROGRESS_EVENT, job, actor=request.user)
    queue_job(job)
    return job


def queue_job(job: BatchJob) -> None:
    """Queues the job by name (on the events queue when one is configured) after commit, so
    the worker finds the row; under eager Celery (the embedded defaults) it runs here and
    now, as an eager task would."""
    if celery_app.conf.task_always_eager:
        run_import_job(job.pk)
        return
    options = {"queue": settings.EVENTS_QUEUE} if settings.EVENTS_QUEUE else {}

    def send():
        celery_app.signature(RUN_JOB, args=(str(job.pk),)).apply_async(**options)

    transaction.on_commit(send, robust=True)


def _request_for(job: BatchJob) -> Request:
    """A DRF request of the job's user, as the upload's was (the serializers' context)."""
    plain = HttpRequest()
    plain.method = "GET"
    plain.META["SERVER_NAME"] = "localhost"
    plain.META["SERVER_PORT"] = "443"
    if job.host:
        plain.META["HTTP_HOST"] = job.host
    wrapped = Request(plain)
    wrapped.user = job.user
    plain.user = job.user
    return wrapped


class _Reporter:
    """The ``progress`` callback of a job's ``Importer``."""

    def __init__(self, job: BatchJob):
        self.job = job
        self.total = max(job.rows_total, 1)
        self.step = max(1, self.total // STEPS)
        # Run inside a transaction already (eager Celery in a test or a request), a second
        # connection could not see the job row: everything is written inline then.
        self.side = connection.vendor == "postgresql" and not connection.in_atomic_block

    def __call__(self, phase: str, done: int) -> None:
        if done % self.step and done != self.total:
            return
        # validation is the first half of the job, writing the second
        share = done / self.total
        percent = share * 50 if phase == "validating" else 50 + share * 50
        fields = {"phase": phase, "rows_done": done, "progress": min(99, int(percent))}
        if self.side and connection.in_atomic_block:
            outcome: list = []
            thread = threading.Thread(target=self._side, args=(fields, outcome))
            thread.start()
            thread.join()
            cancelled = outcome and outcome[0]
        else:
            cancelled = self._write(fields)
        if cancelled:
            raise ImportCancelled

    def _side(self, fields: dict, outcome: list) -> None:
        from django.db import connections

        try:
            outcome.append(self._write(fields, live=False))
        except Exception:  # progress is a hint: the import goes on
            logger.exception("Could not record the progress of batch job %s", self.job.pk)
        finally:
            connections.close_all()

    def _write(self, fields: dict, *, live: bool = True) -> bool:
        """Writes the progress (and emits it when ``live``); whether a cancel was asked for.
        The side connection emits nothing: an event is audited, and the audit chain's lock
        is held by the import's open transaction until it ends."""
        BatchJob.objects.filter(pk=self.job.pk).update(**fields)
        for name, value in fields.items():
            setattr(self.job, name, value)
        if live:
            emit(PROGRESS_EVENT, self.job, actor=self.job.user)
        return BatchJob.objects.filter(pk=self.job.pk, cancel_requested=True).exists()


def run_import_job(job_id) -> dict:
    """The worker's side: imports the job's file, keeps the report, tells its owner."""
    job = BatchJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.status != BatchJobStatus.QUEUED:
        return {"skipped": 1}
    if job.cancel_requested:
        return _finish(job, BatchJobStatus.CANCELLED)
    job.status, job.started_at = BatchJobStatus.RUNNING, timezone.now()
    job.save(update_fields=["status", "started_at"])
    emit(PROGRESS_EVENT, job, actor=job.user)
    collection = COLLECTIONS[job.collection]
    importer = Importer(collection, _request_for(job), dry_run=job.dry_run, progress=_Reporter(job))
    try:
        header, rows, flat = read(io.BytesIO(bytes(job.payload)), job.file_name)
        report = importer.run(header, rows, flat)
    except ImportCancelled:
        return _finish(job, BatchJobStatus.CANCELLED)
    except Exception as exc:
        logger.exception("Batch job %s failed", job.pk)
        return _finish(job, BatchJobStatus.FAILED, error=f"{type(exc).__name__}: {exc}")
    status = BatchJobStatus.FAILED if report.errors else BatchJobStatus.SUCCEEDED
    return _finish(job, status, report=report.as_dict())


def _finish(job: BatchJob, status: str, *, report=None, error: str = "") -> dict:
    job.refresh_from_db(fields=["cancel_requested"])
    job.status = status
    job.report = report
    job.error = error[:10_000]
    job.payload = b""
    job.finished_at = timezone.now()
    if status == BatchJobStatus.SUCCEEDED:
        job.progress = 100
    job.save()
    emit(PROGRESS_EVENT, job, actor=job.user)
    if job.user is not None and job.user.is_active:
        deliver(_message(job), [job.user])
    return {"status": status, "rows": job.rows_total}


def _message(job: BatchJob) -> Message:
    what = "Check" if job.dry_run else "Import"
    outcome = {
        BatchJobStatus.SUCCEEDED: "is done",
        BatchJobStatus.FAILED: "found errors" if job.report else "failed",
        BatchJobStatus.CANCELLED: "was cancelled",
    }[job.status]
    totals = (job.report or {}).get("totals", {})
    body = ", ".join(f"{v} {k}" for k, v in totals.items()) or job.error
    url = f"/batch/{job.collection}/import/?job={job.pk}"
    return Message(NotificationKind.JOB_FINISHED, f"{what} of {job.file_name} {outcome}", body, url)


@transaction.atomic
def cancel_job(*, job: BatchJob, actor=None) -> BatchJob:
    """Cancels a queued job at once; a running one stops at its next step, its writes rolled
    back. A finished job cannot be cancelled (``ValueError``)."""
    job = BatchJob.objects.select_for_update().get(pk=job.pk)
    if job.finished:
        raise ValueError(f"The job has already {job.status}.")
    if job.status == BatchJobStatus.QUEUED:
        job.status, job.finished_at, job.payload = BatchJobStatus.CANCELLED, timezone.now(), b""
    job.cancel_requested = True
    job.save()
    emit(PROGRESS_EVENT, job, actor=actor)
    return job
