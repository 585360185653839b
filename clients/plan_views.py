"""The client page's cadence plan: apply the previewed plan of a period (staff)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from localbzz.accounts.mixins import staff_required
from localbzz.accounts.permissions import Action
from localbzz.web import allowed_or_404

from . import planner, selectors


def next_plan(*, client, user) -> dict:
    """The plan of next month (the client page's preview)."""
    return planner.plan(client=client, month=planner.next_month(), user=user)


@staff_required
@require_POST
def client_plan_apply(request, pk):
    """Creates what the period's plan misses (idempotent), then back to the client page."""
    client = selectors.client_get(user=request.user, pk=pk)
    allowed_or_404(request.user, Action.CHANGE, client)
    try:
        month = planner.parse_month(request.POST.get("period", ""))
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("clients:detail", pk=client.pk)
    created = planner.plan_apply(client=client, month=month, user=request.user, actor=request.user)[
        "created"
    ]
    messages.success(
        request,
        f"Plan of {month:%B %Y} applied: {created['shoots']} shoot(s) and "
        f"{created['deliverables']} deliverable(s) created.",
    )
    return redirect("clients:detail", pk=client.pk)
