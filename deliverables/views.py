"""Staff dashboard pages of deliverables: list, board, edit, status moves."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from localbzz.accounts.mixins import staff_required
from localbzz.accounts.permissions import Action, allows
from localbzz.web import (
    call_service,
    counts_by,
    delete_page,
    is_htmx,
    list_page,
    move_status,
    query_without_page,
    rows_filter,
    safe_next,
    status_column,
)

from . import selectors, services
from .filtersets import DeliverableFilterSet
from .forms import DeliverableForm
from .models import NEWEST_FIRST, WORK_FIRST, DeliverableStatus, ReviewDecision

CARD_FIELDS = (
    "id",
    "title",
    "deliverable_type",
    "status",
    "due_date",
    "file_link",
    "client_id",
    "assignee_id",
    "client__name",
    "assignee__name",
)
ORDER = ("due_date", "title")
#: the htmx event that asks the board to confirm a move (static/js/producer.js)
CONFIRM = "lbz-confirm-move"


_filtered = rows_filter(DeliverableFilterSet, selectors.deliverable_rows)


deliverable_list = list_page(
    DeliverableFilterSet,
    selectors.deliverable_rows,
    order=WORK_FIRST,
    extra=lambda request: {"today": timezone.localdate()},
)


def _column(request, status: str, qs=None, counts=None) -> dict:
    if qs is None:
        _, qs = _filtered(request)
    return {
        **status_column(
            selectors.with_pictures(qs),
            status,
            fields=CARD_FIELDS,
            order=NEWEST_FIRST if status == DeliverableStatus.DELIVERED else ORDER,
            counts=counts,
        ),
        "statuses": DeliverableStatus.values,
        "base": reverse("deliverables:list"),
        "querystring": query_without_page(request),
        "today": timezone.localdate(),
    }


@staff_required
@require_GET
def deliverable_board(request):
    """One column per status; cards move by drag and drop or with their move form."""
    filterset, qs = _filtered(request)
    counts = counts_by(qs)
    columns = [_column(request, s, qs, counts) for s in DeliverableStatus.values]
    return render(
        request,
        "deliverables/deliverable_board.html",
        {
            "filter_form": filterset.form,
            "columns": columns,
            "querystring": query_without_page(request),
        },
    )


@staff_required
@require_GET
def board_column(request, status: str):
    """One board column, for live refresh."""
    if status not in DeliverableStatus.values:
        return HttpResponseBadRequest("Unknown status.")
    return render(request, "deliverables/_column.html", {"col": _column(request, status)})


@staff_required
@require_POST
def deliverable_set_status(request, pk):
    """Moves a deliverable to another status; htmx gets the two changed columns back."""
    deliverable = selectors.deliverable_get(user=request.user, pk=pk, action=Action.CHANGE)
    old = deliverable.status
    asked = _confirm_reopen(request, deliverable)
    if asked is not None:
        return asked
    refused = move_status(
        request, DeliverableStatus, services.deliverable_set_status, deliverable=deliverable
    )
    if refused is not None:
        return refused
    if is_htmx(request):
        statuses = dict.fromkeys([old, deliverable.status])
        html = "".join(
            render(
                request, "deliverables/_column.html", {"col": _column(request, s), "oob": True}
            ).content.decode()
            for s in statuses
        )
        return HttpResponse(html)
    messages.success(request, f"“{deliverable.title}” moved to {deliverable.status}.")
    return redirect(safe_next(request, reverse("deliverables:board")))


def _confirm_reopen(request, deliverable):
    """Moving a Delivered deliverable back asks first: htmx gets an ``lbz-confirm-move`` event
    (static/js/producer.js opens a dialog and re-posts with confirm=yes), a plain POST a page."""
    status = request.POST.get("status")
    if (
        deliverable.status != DeliverableStatus.DELIVERED
        or status not in DeliverableStatus.values
        or status == DeliverableStatus.DELIVERED
        or request.POST.get("confirm") == "yes"
    ):
        return None
    question = (
        f"“{deliverable.title}” was delivered to {deliverable.client.name}. "
        f"Move it back to {status}?"
    )
    action = reverse("deliverables:set_status", args=[deliverable.pk])
    if is_htmx(request):
        event = {"question": question, "status": status, "card": f"card-{deliverable.pk}"}
        return HttpResponse(headers={"HX-Trigger": json.dumps({CONFIRM: event})})
    return render(
        request,
        "confirm_move.html",
        {
            "title": "Reopen delivered work?",
            "question": question,
            "action": action,
            "status": status,
            "next": safe_next(request, reverse("deliverables:board")),
            "button": f"Yes, move it to {status}",
            "cancel_url": safe_next(request, reverse("deliverables:board")),
        },
    )


def _edit(request, deliverable=None):
    creating = deliverable is None
    initial = {}
    if creating:
        initial = {k: request.GET[k] for k in ("client", "shoot") if request.GET.get(k)}
    form = DeliverableForm(
        request.POST or None, instance=deliverable, initial=initial, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if creating:
            saved = call_service(form, services.deliverable_create, actor=request.user, **data)
        else:
            data.pop("client", None)
            saved = call_service(
                form,
                services.deliverable_update,
                deliverable=deliverable,
                actor=request.user,
                **data,
            )
        if saved is not None:
            messages.success(request, f"Saved “{saved.title}”.")
            return redirect(safe_next(request, reverse("deliverables:edit", args=[saved.pk])))
    if deliverable is not None:
        deliverable.refresh_from_db()
    return render(
        request,
        "deliverables/deliverable_form.html",
        {
            "form": form,
            "deliverable": deliverable,
            "can_delete": deliverable is not None
            and allows(request.user, Action.DELETE, deliverable),
            **_review_context(deliverable),
        },
    )


def _review_context(deliverable) -> dict:
    """The client's reviews, newest first, and whether the last one still waits for rework."""
    reviews = list(selectors.deliverable_reviews(deliverable)) if deliverable else []
    last = reviews[0] if reviews else None
    return {
        "reviews": reviews,
        "changes_requested": last is not None
        and last.decision == ReviewDecision.CHANGES_REQUESTED
        and deliverable.status in selectors.REWORK_STATUSES,
    }


@staff_required
def deliverable_create(request):
    """A new deliverable."""
    return _edit(request)


@staff_required
def deliverable_edit(request, pk):
    """Edit a deliverable: caption, posting instructions, file link and the rest."""
    deliverable = selectors.deliverable_get(user=request.user, pk=pk, action=Action.CHANGE)
    return _edit(request, deliverable)


#: deletes a deliverable after confirmation
deliverable_delete = delete_page(
    selectors.deliverable_get, services.deliverable_delete, back="deliverables:edit"
)
