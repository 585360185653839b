"""The dashboard's Import page of a list: upload, a dry run's table of errors, Confirm.

The checked file waits in the default storage (shared by every web process) under a random
key that only the session that uploaded it knows; Confirm imports that very file.
"""

from __future__ import annotations

import uuid

from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from localbzz.accounts.mixins import staff_required

from .api.job_views import visible_jobs
from .formats import FileError
from .models import BatchJob, BatchJobStatus
from .services import collection_or_404, import_upload, may_import

PENDING = "batch_pending"  # session key: {token: {"collection", "key", "name"}}
SUFFIXES = ("csv", "json", "xlsx")


@staff_required
@require_http_methods(["GET", "POST"])
def import_page(request, collection: str):
    """Upload a file, see what a dry run finds, then confirm the import."""
    target = collection_or_404(collection)
    if not may_import(request.user, target):
        raise Http404("No such page.")
    context = {"collection": target, "list_url": reverse(target.page)}
    if request.method == "POST":
        if request.POST.get("token"):
            context.update(_confirm(request, target, request.POST["token"]))
        else:
            context.update(_check(request, target, request.FILES.get("file")))
        if "job" in context:  # a large file: follow its job on this page
            return redirect(f"{request.path}?job={context['job'].pk}")
    elif request.GET.get("job"):
        context.update(_job_state(request, target, request.GET["job"]))
    return render(request, "batch/import.html", context, status=context.pop("status", 200))


def _job_state(request, target, job_id: str) -> dict:
    """A job of this page: its progress while it runs, then its report (and Confirm after a
    clean check)."""
    try:
        job = visible_jobs(request.user).get(pk=uuid.UUID(job_id), collection=target.name)
    except (ValueError, BatchJob.DoesNotExist):
        raise Http404("No such job.") from None
    context = {"job": job, "file_name": job.file_name, "running": not job.finished}
    if job.report is not None:
        context["report"] = job.report
        context["done"] = job.status == BatchJobStatus.SUCCEEDED and not job.dry_run
    if job.status == BatchJobStatus.SUCCEEDED and job.dry_run:
        pending = request.session.get(PENDING, {})
        context["token"] = next(
            (t for t, e in pending.items() if e.get("job") == str(job.pk)), None
        )
    return context


def _check(request, target, upload) -> dict:
    if upload is None:
        return {"problem": "Choose a file to check.", "status": 400}
    name = upload.name or "upload.csv"
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else "csv"
    try:
        report = import_upload(collection=target, request=request, upload=upload, dry_run=True)
    except FileError as exc:
        return {"problem": str(exc), "status": 400}
    if isinstance(report, BatchJob):
        context = {"job": report}
    else:
        context = {"report": report.as_dict(), "file_name": name}
        if report.errors:
            context["status"] = 400
            return context
    upload.seek(0)
    key = default_storage.save(
        f"batch-pending/{uuid.uuid4().hex}.{suffix if suffix in SUFFIXES else 'csv'}", upload
    )
    token = uuid.uuid4().hex
    pending = request.session.get(PENDING, {})
    pending[token] = {"collection": target.name, "key": key, "name": name}
    if "job" in context:  # Confirm comes once the check's job is done
        pending[token]["job"] = str(context["job"].pk)
    else:
        context["token"] = token
    request.session[PENDING] = pending
    return context


def _confirm(request, target, token: str) -> dict:
    pending = request.session.get(PENDING, {})
    entry = pending.pop(token, None)
    request.session[PENDING] = pending
    if entry is None or entry["collection"] != target.name:
        return {"problem": "That check has expired; upload the file again.", "status": 400}
    try:
        with default_storage.open(entry["key"], "rb") as handle:
            handle.name = entry["name"]
            report = import_upload(collection=target, request=request, upload=handle, dry_run=False)
    except (FileError, OSError) as exc:
        return {"problem": str(exc), "status": 400}
    finally:
        default_storage.delete(entry["key"])
    if isinstance(report, BatchJob):
        return {"job": report}
    status = 400 if report.errors else 200
    return {
        "report": report.as_dict(),
        "file_name": entry["name"],
        "done": not report.errors,
        "status": status,
    }
