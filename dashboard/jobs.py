"""Top-floor scheduled jobs (Celery: ``autodiscover_tasks(related_name="jobs")``)."""

from celery import shared_task

from .sla import check_request_slas as _check


@shared_task(name="dashboard.jobs.check_request_slas")
def check_request_slas() -> dict:
    """Every 15 minutes (``dashboard-request-slas``): notifies the staff of request SLA
    breaches; the counts go to the job's run record (``/jobs/``)."""
    return {"notified": _check()}
