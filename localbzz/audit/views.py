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
from .readable import readable_rows
from .selectors import audit_entries
from .trail import verify


@staff_required(admin_only=True)
@require_GET
def audit_log(request):
    """Admins: every recorded change and security fact, filterable; the chain's state."""
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page_obj, querystring = paginate(request, audit_entries(request.user, filters))
    rows = readable_rows(list(page_obj), unseal)
    checked = request.GET.get("verify") == "1"
    return render(
        request,
        "audit/event_list.html",
        {
            "filter_form": form,
            "page_obj": page_obj,
            "rows": rows,
            "querystring": querystring,
            "checked": checked,
            "broken": verify() if checked else None,
        },
    )
