"""Staff dashboard pages of tasks: list, board, edit, assign, timer and time log."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from localbzz.accounts.mixins import staff_required
from localbzz.accounts.permissions import Action, allows
from localbzz.accounts.templatetags.dashboard import hours
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
    submit_service,
)

from . import selectors, services
from .filtersets import TaskFilterSet
from .forms import TaskForm, TimeLogForm
from .models import TaskStatus

CARD_FIELDS = (
    "id",
    "name",
    "status",
    "priority",
    "due_date",
    "client_id",
    "shoot_id",
    "deliverable_id",
    "client__name",
    "shoot__shoot_start",
    "deliverable__title",
)
ORDER = ("due_date", "name")


_filtered = rows_filter(TaskFilterSet, selectors.task_rows)


def _running(request):
    return services.running_timer(request.user)


task_list = list_page(
    TaskFilterSet,
    selectors.task_rows,
    order=ORDER,
    extra=lambda request: {"today": timezone.localdate(), "running": _running(request)},
)


def _board_context(request) -> dict:
    filterset, qs = _filtered(request)
    counts = counts_by(qs)
    columns = [
        status_column(qs, status, fields=CARD_FIELDS, order=ORDER, counts=counts)
        for status in TaskStatus.values
    ]
    # One assignee query for the whole board, however many columns have cards.
    prefetch_related_objects([t for col in columns for t in col["cards"]], "assignees")
    return {
        "filter_form": filterset.form,
        "columns": columns,
        "statuses": TaskStatus.values,
        "querystring": query_without_page(request),
        "today": timezone.localdate(),
        "base": {
            name: reverse(f"{name}:list") for name in ("tasks", "clients", "shoots", "deliverables")
        },
    }


@staff_required
@require_GET
def task_board(request):
    """Tasks by status."""
    return render(request, "tasks/task_board.html", _board_context(request))


@staff_required
@require_GET
def task_board_partial(request):
    """The task board alone, for live refresh."""
    return render(request, "tasks/_board.html", _board_context(request))


def _render_detail(request, pk, log_form, status=200):
    """The task page: links, assignees, time log and the time-logging form."""
    task = selectors.task_get(user=request.user, pk=pk)
    entries = selectors.time_entry_list(user=request.user, task=task).order_by("-started_at")[:50]
    running = _running(request)
    return render(
        request,
        "tasks/task_detail.html",
        {
            "task": task,
            "entries": entries,
            "running": running,
            "running_here": running is not None and running.task_id == task.pk,
            "log_form": log_form,
            "statuses": TaskStatus.values,
            "can_delete": allows(request.user, Action.DELETE, task),
            "assigned": any(m.pk == request.user.team_member_id for m in task.assignees.all()),
        },
        status=status,
    )


@staff_required
@require_GET
def task_detail(request, pk):
    """A task with its links, assignees and time log."""
    return _render_detail(request, pk, TimeLogForm())


def _edit(request, task=None):
    creating = task is None
    if request.method == "POST":
        form = TaskForm(request.POST, user=request.user)
    else:
        initial = {}
        if task is not None:
            initial = {
                "name": task.name,
                "description": task.description,
                "status": task.status,
                "priority": task.priority,
                "due_date": task.due_date,
                "assignees": [m.pk for m in task.assignees.all()],
                "client": task.client_id,
                "shoot": task.shoot_id,
                "deliverable": task.deliverable_id,
                "estimated_minutes": task.estimated_minutes,
            }
        else:
            initial = {
                k: request.GET[k] for k in ("client", "shoot", "deliverable") if request.GET.get(k)
            }
            if request.user.team_member_id:
                initial["assignees"] = [request.user.team_member_id]
        form = TaskForm(initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        assignees = list(data.pop("assignees"))
        if creating:
            saved = call_service(
                form, services.task_create, actor=request.user, assignees=assignees, **data
            )
        else:
            saved = call_service(
                form,
                services.task_update,
                task=task,
                actor=request.user,
                assignees=assignees,
                **data,
            )
        if saved is not None:
            messages.success(request, f"Saved “{saved.name}”.")
            return redirect("tasks:detail", pk=saved.pk)
    return render(request, "tasks/task_form.html", {"form": form, "task": task})


@staff_required
def task_create(request):
    """A new task."""
    return _edit(request)


@staff_required
def task_edit(request, pk):
    """Edit a task, including who it is assigned to."""
    return _edit(request, _task_for_change(request, pk))


def _task_for_change(request, pk):
    return selectors.task_get(user=request.user, pk=pk, action=Action.CHANGE)


@staff_required
@require_POST
def task_set_status(request, pk):
    """Moves a task to another status (board buttons, drag and drop)."""
    task = _task_for_change(request, pk)
    refused = move_status(request, TaskStatus, services.task_set_status, task=task)
    if refused is not None:
        return refused
    if is_htmx(request):
        return render(request, "tasks/_board.html", _board_context(request))
    messages.success(request, f"“{task.name}” is now {task.status}.")
    return redirect(safe_next(request, reverse("tasks:detail", args=[pk])))


@staff_required
@require_POST
def task_assign_me(request, pk):
    """Adds the signed-in team member to the task's assignees."""
    task = _task_for_change(request, pk)
    if not request.user.team_member_id:
        messages.error(request, "Your account is not linked to a team member.")
    else:
        services.task_assign(task=task, member=request.user.team_member, actor=request.user)
        messages.success(request, "You are on this task.")
    return redirect(safe_next(request, reverse("tasks:detail", args=[pk])))


@staff_required
@require_POST
def timer_start(request, pk):
    """Starts the user's timer on this task (stopping one running elsewhere)."""
    task = _task_for_change(request, pk)
    try:
        services.timer_start(task=task, user=request.user)
        messages.success(request, f"Timer running on “{task.name}”.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(safe_next(request, reverse("tasks:detail", args=[pk])))


@staff_required
@require_POST
def timer_stop(request):
    """Stops the user's running timer."""
    try:
        entry = services.timer_stop(user=request.user, note=request.POST.get("note") or None)
        messages.success(request, f"Logged {hours(entry.duration)} on “{entry.task.name}”.")
        default = reverse("tasks:detail", args=[entry.task_id])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        default = reverse("tasks:list")
    return redirect(safe_next(request, default))


@staff_required
@require_POST
def time_log(request, pk):
    """Logs finished time on a task."""
    task = _task_for_change(request, pk)
    form = TimeLogForm(request.POST)
    if form.is_valid():
        done = submit_service(
            request,
            form,
            services.time_entry_add,
            success=f"Logged {form.cleaned_data['minutes']} min.",
            next_url=reverse("tasks:detail", args=[pk]),
            task=task,
            user=request.user,
            started_at=form.cleaned_data["started_at"],
            duration=timedelta(minutes=form.cleaned_data["minutes"]),
            note=form.cleaned_data["note"],
        )
        if done is not None:
            return done
    return _render_detail(request, pk, form, status=400)


#: deletes a task and its time log after confirmation
task_delete = delete_page(
    selectors.task_get,
    services.task_delete,
    question=lambda task: f"Delete “{task.name}” and its time log? This cannot be undone.",
)
