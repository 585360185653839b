"""Staff dashboard pages of deliverables: list, board, edit, status moves."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from localbzz.accounts.mixins import staff_required
from localbzz.accounts.permissions import Action, allows
from localbzz.views import call_service, confirm_then_delete, is_htmx, paginate, safe_next

from . import services
from .forms import DeliverableFilterForm, DeliverableForm, StatusForm
from .models import Deliverable, DeliverableStatus

BOARD_LIMIT = 25
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
DONE = [DeliverableStatus.READY_TO_POST, DeliverableStatus.DELIVERED]


def _filtered(request):
    """Deliverables the user sees, narrowed by the filter form in the query string."""
    form = DeliverableFilterForm(request.GET or None, user=request.user)
    qs = Deliverable.objects.visible_to(request.user).select_related("client", "assignee", "shoot")
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.filter(Q(title__icontains=data["q"]) | Q(client__name__icontains=data["q"]))
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["deliverable_type"]:
            qs = qs.filter(deliverable_type=data["deliverable_type"])
        if data["client"]:
            qs = qs.filter(client=data["client"])
        if data["assignee"]:
            qs = qs.filter(assignee=data["assignee"])
        today = timezone.localdate()
        if data["due"] == "overdue":
            qs = qs.filter(due_date__lt=today).exclude(status__in=DONE)
        elif data["due"] == "soon":
            qs = qs.filter(due_date__gte=today, due_date__lte=today + timedelta(days=7)).exclude(
                status__in=DONE
            )
    return form, qs


def _querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@staff_required
@require_GET
def deliverable_list(request):
    """Every deliverable, filtered, searched and paginated."""
    form, qs = _filtered(request)
    page_obj, querystring = paginate(request, qs.order_by("due_date", "title"))
    return render(
        request,
        "deliverables/deliverable_list.html",
        {
            "filter_form": form,
            "page_obj": page_obj,
            "querystring": querystring,
            "today": timezone.localdate(),
        },
    )


def _column(request, status: str, qs=None, counts=None) -> dict:
    if qs is None:
        _, qs = _filtered(request)
    cards = list(
        qs.filter(status=status)
        .select_related(None)
        .select_related("client", "assignee")
        .only(*CARD_FIELDS)
        .order_by("due_date", "title")[:BOARD_LIMIT]
    )
    total = counts.get(status, 0) if counts is not None else qs.filter(status=status).count()
    return {
        "status": status,
        "cards": cards,
        "total": total,
        "hidden": max(total - len(cards), 0),
        "statuses": DeliverableStatus.values,
        "base": reverse("deliverables:list"),
        "querystring": _querystring(request),
        "today": timezone.localdate(),
    }


def _columns(request) -> tuple:
    form, qs = _filtered(request)
    counts = {
        row["status"]: row["n"] for row in qs.order_by().values("status").annotate(n=Count("id"))
    }
    return form, [_column(request, s, qs, counts) for s in DeliverableStatus.values]


@staff_required
@require_GET
def deliverable_board(request):
    """One column per status; cards move by drag and drop or with their move form."""
    form, columns = _columns(request)
    return render(
        request,
        "deliverables/deliverable_board.html",
        {"filter_form": form, "columns": columns, "querystring": _querystring(request)},
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
    deliverable = get_object_or_404(
        Deliverable.objects.visible_to(request.user, Action.CHANGE), pk=pk
    )
    form = StatusForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Choose one of: " + ", ".join(DeliverableStatus.values))
    old = deliverable.status
    try:
        services.deliverable_set_status(
            deliverable=deliverable, status=form.cleaned_data["status"], actor=request.user
        )
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages))
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
        },
    )


@staff_required
def deliverable_create(request):
    """A new deliverable."""
    return _edit(request)


@staff_required
def deliverable_edit(request, pk):
    """Edit a deliverable: caption, posting instructions, file link and the rest."""
    deliverable = get_object_or_404(
        Deliverable.objects.visible_to(request.user, Action.CHANGE).select_related("client"), pk=pk
    )
    return _edit(request, deliverable)


@staff_required
def deliverable_delete(request, pk):
    """Deletes a deliverable after confirmation."""
    deliverable = get_object_or_404(
        Deliverable.objects.visible_to(request.user, Action.DELETE), pk=pk
    )
    return confirm_then_delete(
        request,
        deliverable,
        delete=lambda: services.deliverable_delete(deliverable=deliverable, actor=request.user),
        question=f"Delete “{deliverable.title}”? This cannot be undone.",
        cancel_url=reverse("deliverables:edit", args=[pk]),
        done=f"Deleted “{deliverable.title}”.",
        to="deliverables:list",
    )
