"""``/jobs/``: the schedule, the last runs of every job and "run now" (admins only)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from localbzz.accounts.mixins import staff_required

from .models import JobOutcome, JobRun
from .schedule import jobs, run_now, schedule_of

RECENT = 50


@staff_required(admin_only=True)
@require_GET
def job_list(request):
    """Every job of the schedule with its last run, then the latest runs of all jobs."""
    runs = list(JobRun.objects.all()[:RECENT])
    newest = JobRun.objects.filter(job=OuterRef("job")).order_by("-started_at").values("pk")[:1]
    last = {run.job: run for run in JobRun.objects.filter(pk=Subquery(newest))}
    rows = [
        {"name": name, "task": entry["task"], "every": schedule_of(entry), "last": last.get(name)}
        for name, entry in sorted(jobs().items())
    ]
    return render(request, "batch/jobs.html", {"jobs": rows, "runs": runs})


@staff_required(admin_only=True)
@require_POST
def job_run(request, name: str):
    """Runs one job now (inline on the embedded defaults, queued to a worker otherwise)."""
    if name not in jobs():
        raise Http404("No such job.")
    try:
        run_now(name)
    except Exception as exc:  # the run is recorded as failed, with its error
        messages.error(request, f"{name} failed: {type(exc).__name__}: {exc}")
    else:
        latest = JobRun.objects.filter(job=name).first()
        if latest is not None and latest.outcome == JobOutcome.RUNNING:
            messages.info(request, f"{name} is queued.")
        else:
            messages.success(request, f"{name} ran.")
    return redirect("jobs:list")
