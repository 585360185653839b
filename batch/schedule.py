"""The job schedule (``CELERY_BEAT_SCHEDULE``) as beat reads it, every run recorded.

Runs are recorded from Celery's own signals (``task_prerun`` / ``task_postrun`` /
``task_failure``) for every task of the schedule, so a run is recorded the same way under a
beat and a worker, in the in-process schedule of ``runserver`` and for "run now".
"""

from __future__ import annotations

import threading
from datetime import timedelta

from celery import current_app
from celery.schedules import schedule as every
from celery.signals import task_failure, task_postrun, task_prerun
from django.conf import settings
from django.utils import timezone

from .models import JobOutcome, JobRun

_runs: dict[str, str] = {}  # Celery task id -> JobRun id, between prerun and postrun
_manual = threading.local()


def jobs() -> dict[str, dict]:
    """``{entry name: entry}`` of the schedule."""
    return dict(settings.CELERY_BEAT_SCHEDULE)


def job_of_task(task_name: str) -> str | None:
    return next((name for name, e in jobs().items() if e["task"] == task_name), None)


def schedule_of(entry: dict):
    """The entry's Celery schedule (a number of seconds becomes an interval)."""
    value = entry["schedule"]
    if isinstance(value, (int, float)):
        return every(timedelta(seconds=value))
    if isinstance(value, timedelta):
        return every(value)
    return value


def run_now(name: str, *, trigger: str = "manual"):
    """Runs the job ``name``: inline on the embedded defaults (eager Celery), else queued to a
    worker. The run is recorded when it starts, wherever that is."""
    entry = jobs()[name]
    task = current_app.tasks[entry["task"]]
    _manual.trigger = trigger
    try:
        if current_app.conf.task_always_eager:
            try:
                return task.apply(args=entry.get("args", ()), kwargs=entry.get("kwargs", {}))
            except Exception as exc:  # propagated (eager): the run has no error text yet
                _record_error(name, exc)
                raise
        return task.apply_async(
            args=entry.get("args", ()), kwargs=entry.get("kwargs", {}), headers={"trigger": trigger}
        )
    finally:
        _manual.trigger = None


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:10_000]


def _record_error(name: str, exc: BaseException) -> None:
    run = JobRun.objects.filter(job=name, outcome=JobOutcome.FAILED, error="").first()
    if run is not None:
        JobRun.objects.filter(pk=run.pk).update(error=_describe(exc))


@task_prerun.connect
def _started(sender=None, task_id=None, task=None, **kwargs):
    job = job_of_task(getattr(task, "name", ""))
    if job is None:
        return
    request = getattr(task, "request", None)
    trigger = getattr(_manual, "trigger", None) or (
        (getattr(request, "headers", None) or {}).get("trigger") or "schedule"
    )
    run = JobRun.objects.create(job=job, task=task.name, trigger=trigger, started_at=timezone.now())
    _runs[task_id] = str(run.pk)


@task_failure.connect
def _failed(sender=None, task_id=None, exception=None, **kwargs):
    run_id = _runs.pop(task_id, None)
    if run_id is not None:
        JobRun.objects.filter(pk=run_id).update(
            finished_at=timezone.now(),
            outcome=JobOutcome.FAILED,
            error=_describe(exception),
        )


@task_postrun.connect
def _finished(sender=None, task_id=None, retval=None, state=None, **kwargs):
    run_id = _runs.pop(task_id, None)
    if run_id is None:
        return  # not a scheduled job, or already recorded as failed
    failed = state != "SUCCESS"  # None: an eager run whose exception propagates
    JobRun.objects.filter(pk=run_id).update(
        finished_at=timezone.now(),
        outcome=JobOutcome.FAILED if failed else JobOutcome.SUCCEEDED,
        counts=retval if isinstance(retval, dict) and not failed else {},
        error=_describe(retval) if isinstance(retval, BaseException) else "",
    )
