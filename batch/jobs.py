"""Celery jobs of the schedule (thin: each calls one function and returns its counts)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from clients import planner

from . import housekeeping as housekeeping_module
from . import reminders
from .batch_jobs import run_import_job


@shared_task(ignore_result=True)
def send_reminders() -> dict:
    """The day's reminder digests (once per item per person per day)."""
    return reminders.send_reminders()


@shared_task(ignore_result=True)
def plan_next_month() -> dict:
    """Applies next month's cadence plan of every Monthly / Quarterly active client, when
    ``PLANNER_AUTO_APPLY`` is on (idempotent: run it as often as you like)."""
    if not settings.PLANNER_AUTO_APPLY:
        return {"clients": 0, "shoots": 0, "deliverables": 0, "skipped": "PLANNER_AUTO_APPLY off"}
    month = planner.next_month()
    counts = {"clients": 0, "shoots": 0, "deliverables": 0}
    for client in planner.clients_to_plan():
        created = planner.plan_apply(client=client, month=month, user=None)["created"]
        counts["clients"] += 1
        counts["shoots"] += created["shoots"]
        counts["deliverables"] += created["deliverables"]
    return counts


@shared_task(ignore_result=True)
def housekeeping() -> dict:
    """Expired sessions and tokens, old lockout records."""
    return housekeeping_module.housekeeping()


@shared_task(ignore_result=True, acks_late=False)
def run_import(job_id: str) -> dict:
    """Imports the file of a batch job (a large upload), its progress reported as it goes."""
    return run_import_job(job_id)


@shared_task(ignore_result=True)
def cleanup_report() -> dict:
    """Finds phones and e-mails out of their normal form, invalid phones, likely duplicate
    leads and clients; the report is the page /jobs/cleanup/."""
    from .cleanup import build_report

    return dict(build_report().counts) or {"findings": 0}
