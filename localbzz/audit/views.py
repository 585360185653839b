"""The audit log: who changed what, when, with the values before and after.

It reads the outbox: every change the services make is an ``Event`` row with its actor and
its ``changes`` ({field: {"from", "to"}}), written in the change's own transaction, so the
log cannot miss a change that happened nor show one that was rolled back.
"""

from __future__ import annotations

from datetime import timedelta

from django.shortcuts import render
from django.views.decorators.http import require_GET

from localbzz.accounts.mixins import staff_required
from localbzz.events.models import Event
from localbzz.web import day_start, paginate

from .forms import AuditFilterForm


def audit_events(user, filters: dict | None = None):
    """Events the user may see as audit entries, newest first, with their actors."""
    qs = Event.objects.visible_to(user).select_related("actor").order_by("-occurred_at", "-id")
    filters = filters or {}
    if filters.get("type"):
        qs = qs.filter(type__startswith=filters["type"].strip())
    if filters.get("actor"):
        qs = qs.filter(actor__email__icontains=filters["actor"].strip())
    if filters.get("object_id"):
        qs = qs.filter(object_id=filters["object_id"].strip())
    if filters.get("since"):
        qs = qs.filter(occurred_at__gte=day_start(filters["since"]))
    if filters.get("until"):
        qs = qs.filter(occurred_at__lt=day_start(filters["until"] + timedelta(days=1)))
    return qs


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
    """Admins: every recorded change, filterable by type, person, object and dates."""
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page_obj, querystring = paginate(request, audit_events(request.user, filters))
    for event in page_obj:
        event.change_rows = describe_changes(event.data.get("changes"))
    return render(
        request,
        "audit/event_list.html",
        {"filter_form": form, "page_obj": page_obj, "querystring": querystring},
    )
