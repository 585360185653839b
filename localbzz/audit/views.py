"""The audit log page (admins): entries of the chained trail, filters, and a chain check.

``?verify=1`` walks the whole chain and reports its first broken link (an edited or a
missing entry); it is a button rather than part of every page view, since it reads every
entry.
"""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from localbzz.accounts.mixins import staff_required
from localbzz.crypto import unseal
from localbzz.web import paginate

from .forms import AuditFilterForm
from .selectors import audit_entries
from .trail import verify


def describe_changes(changes: dict) -> list[dict]:
    """``{field: {"from", "to"}}`` (or any other value) as rows a template can show."""
    rows = []
    for field, change in (changes or {}).items():
        if isinstance(change, dict) and set(change) == {"from", "to"}:
            rows.append({"field": field, "before": change["from"], "after": change["to"]})
        elif isinstance(change, dict):
            text = ", ".join(f"{k}: {v}" for k, v in change.items() if v not in (None, ""))
            rows.append({"field": field, "value": text})
        else:
            rows.append({"field": field, "value": change})
    return rows


@staff_required(admin_only=True)
@require_GET
def audit_log(request):
    """Admins: every recorded change and security fact, filterable; the chain's state."""
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page_obj, querystring = paginate(request, audit_entries(request.user, filters))
    for entry in page_obj:
        detail = unseal(entry.detail or {})
        entry.change_rows = describe_changes(detail.get("changes") or {}) or describe_changes(
            {k: v for k, v in detail.items() if k not in ("changes", "before")}
        )
    checked = request.GET.get("verify") == "1"
    return render(
        request,
        "audit/event_list.html",
        {
            "filter_form": form,
            "page_obj": page_obj,
            "querystring": querystring,
            "checked": checked,
            "broken": verify() if checked else None,
        },
    )
