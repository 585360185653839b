"""Staff dashboard pages of shoots: list, calendar, create/edit with crew, status, delete."""

from __future__ import annotations

import calendar as pycalendar
from datetime import date, timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from deliverables.selectors import deliverable_rows
from localbzz.accounts.mixins import staff_required
from localbzz.accounts.permissions import Action, allows
from localbzz.web import call_service, delete_page, list_page, move_status, safe_next, week_bounds
from tasks.selectors import task_list

from . import selectors, services
from .filtersets import ShootFilterSet
from .forms import CrewFormSet, ShootForm
from .models import ShootStatus, around_today

#: the order of a list narrowed to a period: soonest first; "past": the latest first;
#: otherwise the coming shoots first, then the past ones (models.around_today)
PERIOD_ORDER = {
    "today": ("shoot_start",),
    "week": ("shoot_start",),
    "upcoming": ("shoot_start",),
    "past": ("-shoot_start",),
}


shoot_list = list_page(
    ShootFilterSet,
    selectors.shoot_rows,
    order=lambda request: PERIOD_ORDER.get(request.GET.get("when")) or around_today(),
    extra=lambda request: {"statuses": ShootStatus.values},
)


@staff_required
@require_GET
def shoot_calendar(request):
    """A month (default) or week of shoots."""
    view = "week" if request.GET.get("view") == "week" else "month"
    try:
        anchor = date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        anchor = timezone.localdate()
    if not 1900 <= anchor.year <= 2999:
        anchor = timezone.localdate()
    if view == "month":
        first = anchor.replace(day=1)
        last_day = pycalendar.monthrange(first.year, first.month)[1]
        start, _ = week_bounds(first)
        end_anchor = first.replace(day=last_day)
        end = week_bounds(end_anchor)[1]
        prev_anchor = (first - timedelta(days=1)).replace(day=1)
        next_anchor = first.replace(day=last_day) + timedelta(days=1)
        title = first.strftime("%B %Y")
    else:
        start, end = week_bounds(anchor)
        prev_anchor, next_anchor = start - timedelta(days=7), start + timedelta(days=7)
        title = f"Week of {start:%d %B %Y}"
    shoots = (
        selectors.shoot_list(user=request.user)
        .prefetch_related(None)
        .select_related("client")
        .between_days(start, end)
        .only("id", "shoot_start", "status", "client__name")
        .with_crew_conflict()
        .order_by("shoot_start")
    )
    by_day: dict = {}
    for shoot in shoots:
        by_day.setdefault(timezone.localtime(shoot.shoot_start).date(), []).append(shoot)
    per_day = 4 if view == "month" else 12
    days = []
    cursor = start
    while cursor < end:
        todays = by_day.get(cursor, [])
        days.append(
            {
                "date": cursor,
                "shoots": todays[:per_day],
                "more": max(len(todays) - per_day, 0),
                "other": view == "month" and cursor.month != anchor.month,
            }
        )
        cursor += timedelta(days=1)
    return render(
        request,
        "shoots/shoot_calendar.html",
        {
            "days": days,
            "view": view,
            "title": title,
            "today": timezone.localdate(),
            "prev": prev_anchor.isoformat(),
            "next": next_anchor.isoformat(),
            "anchor": anchor.isoformat(),
            "weekdays": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        },
    )


@staff_required
@require_GET
def shoot_detail(request, pk):
    """One shoot with its crew, deliverables and tasks."""
    shoot = selectors.shoot_get(user=request.user, pk=pk)
    deliverables = (
        deliverable_rows(user=request.user).filter(shoot=shoot).order_by("due_date", "title")
    )
    tasks = task_list(user=request.user).filter(shoot=shoot).order_by("due_date", "name")
    return render(
        request,
        "shoots/shoot_detail.html",
        {
            "shoot": shoot,
            "deliverables": deliverables,
            "tasks": tasks,
            "statuses": ShootStatus.values,
            "can_delete": allows(request.user, Action.DELETE, shoot),
        },
    )


def _book(*, shoot_form, service, **kwargs):
    """The service call; a double-booking warns on the form and offers "book anyway"."""
    try:
        return service(**kwargs)
    except services.CrewOverlap as exc:
        shoot_form.offer_overlap(exc.messages)
        return None


def _edit(request, shoot=None):
    creating = shoot is None
    if request.method == "POST":
        form = ShootForm(request.POST, user=request.user)
        crew_formset = CrewFormSet(request.POST, prefix="crew", form_kwargs={"user": request.user})
    else:
        initial = {}
        crew_initial = []
        if shoot is not None:
            initial = {
                "client": shoot.client_id,
                "title": shoot.title,
                "shoot_start": timezone.localtime(shoot.shoot_start),
                "duration_minutes": int(shoot.duration.total_seconds() // 60),
                "status": shoot.status,
                "location": shoot.location,
                "calendar_event_link": shoot.calendar_event_link,
                "drive_folder_link": shoot.drive_folder_link,
                "notes": shoot.notes,
            }
            crew_initial = [
                {"team_member": a.team_member_id, "role": a.role} for a in shoot.assignments.all()
            ]
        elif request.GET.get("client"):
            initial["client"] = request.GET["client"]
        form = ShootForm(initial=initial, user=request.user)
        crew_formset = CrewFormSet(
            initial=crew_initial, prefix="crew", form_kwargs={"user": request.user}
        )
    if request.method == "POST" and form.is_valid() and crew_formset.is_valid():
        data = form.service_data()
        crew = crew_formset.crew()
        target = (
            {"service": services.shoot_create}
            if creating
            else {"service": services.shoot_update, "shoot": shoot}
        )
        saved = call_service(
            form, _book, shoot_form=form, actor=request.user, crew=crew, **target, **data
        )
        if saved is not None:
            messages.success(request, "Shoot saved.")
            return redirect("shoots:detail", pk=saved.pk)
    return render(
        request,
        "shoots/shoot_form.html",
        {"form": form, "crew_formset": crew_formset, "shoot": shoot},
    )


@staff_required
def shoot_create(request):
    """Schedule a new shoot with its crew."""
    return _edit(request)


@staff_required
def shoot_edit(request, pk):
    """Edit a shoot and its crew."""
    return _edit(request, selectors.shoot_get(user=request.user, pk=pk, action=Action.CHANGE))


@staff_required
@require_POST
def shoot_set_status(request, pk):
    """One-click status change."""
    shoot = selectors.shoot_get(user=request.user, pk=pk, action=Action.CHANGE)
    if (
        request.POST.get("status") == ShootStatus.COMPLETED
        and shoot.shoot_start > timezone.now()
        and request.POST.get("confirm") != "yes"
    ):  # one click must not finish a shoot that has not happened yet
        when = timezone.localtime(shoot.shoot_start)
        return render(
            request,
            "confirm_move.html",
            {
                "title": "Mark a future shoot Completed?",
                "question": f"“{shoot}” is planned for {when:%a %-d %b %Y, %H:%M}, still ahead. "
                "Mark it Completed anyway?",
                "action": reverse("shoots:set_status", args=[pk]),
                "status": ShootStatus.COMPLETED,
                "next": safe_next(request, reverse("shoots:detail", args=[pk])),
                "button": "Yes, mark it Completed",
                "cancel_url": safe_next(request, reverse("shoots:detail", args=[pk])),
            },
        )
    refused = move_status(request, ShootStatus, services.shoot_set_status, shoot=shoot)
    if refused is not None:
        return refused
    messages.success(request, f"Shoot marked {shoot.status}.")
    return redirect(safe_next(request, reverse("shoots:detail", args=[pk])))


#: deletes a shoot after confirmation (a completed one: admins only)
shoot_delete = delete_page(
    selectors.shoot_get,
    services.shoot_delete,
    question=lambda shoot: f"Delete the shoot “{shoot}” for {shoot.client}? This cannot be undone.",
)
