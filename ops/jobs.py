"""Celery jobs of the ops app."""

from celery import shared_task

from . import usage

FLUSH_USAGE_JOB = "ops.jobs.flush_usage"


@shared_task(name=FLUSH_USAGE_JOB, ignore_result=True)
def flush_usage() -> int:
    """Usage counters (Redis) into UsageDaily rows (Celery beat, every few minutes)."""
    return usage.flush()
