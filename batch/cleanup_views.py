"""``/jobs/cleanup/``: the latest data-cleanup report with its actions (admins only)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from localbzz.accounts.mixins import staff_required

from .cleanup import FIXABLE, fix
from .models import CleanupReport

TITLES = {
    "phone_format": "Phone numbers not in international form",
    "phone_invalid": "Phone numbers that are no valid number",
    "email_format": "E-mail addresses with capitals or spaces",
    "duplicate_lead": "Likely duplicate leads (form submissions)",
    "duplicate_client": "Likely duplicate clients",
}


@staff_required(admin_only=True)
@require_GET
def cleanup_page(request):
    report = CleanupReport.objects.first()
    sections = []
    if report is not None:
        for kind, title in TITLES.items():
            rows = [(i, f) for i, f in enumerate(report.findings) if f["kind"] == kind]
            sections.append(
                {"kind": kind, "title": title, "rows": rows, "fixable": kind in FIXABLE}
            )
    return render(request, "batch/cleanup.html", {"report": report, "sections": sections})


@staff_required(admin_only=True)
@require_POST
def cleanup_fix(request, index: int):
    """Applies one finding's normal form (or every fixable one: ``index`` -1)."""
    report = CleanupReport.objects.first()
    if report is None:
        messages.error(request, "There is no cleanup report yet.")
        return redirect("jobs:cleanup")
    indexes = [index]
    if index == -1:
        indexes = [i for i, f in enumerate(report.findings) if f["kind"] in FIXABLE]
    fixed = 0
    for i in reversed(indexes):  # later findings first: the earlier indexes stay put
        try:
            fix(report=report, index=i, actor=request.user)
            fixed += 1
        except (LookupError, ValidationError) as exc:
            messages.error(request, f"Not fixed: {'; '.join(getattr(exc, 'messages', [str(exc)]))}")
    if fixed:
        messages.success(request, f"{fixed} record{'s' if fixed > 1 else ''} normalised.")
    return redirect("jobs:cleanup")
