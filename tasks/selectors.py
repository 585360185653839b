"""Reads of tasks and time entries, scoped to the user."""

from __future__ import annotations

from django.db.models import DurationField, OuterRef, QuerySet, Subquery, Sum
from django.shortcuts import get_object_or_404

from localbzz.accounts.permissions import Action, scope
from localbzz.db import related_count

from .models import Task, TimeEntry


def time_logged_subquery() -> Subquery:
    """The sum of a task's finished time entries, as a correlated subquery."""
    total = (
        TimeEntry.objects.filter(task=OuterRef("pk"), duration__isnull=False)
        .order_by()
        .values("task")
        .annotate(total=Sum("duration"))
        .values("total")
    )
    return Subquery(total, output_field=DurationField())


def task_list(*, user, action: str = Action.VIEW) -> QuerySet[Task]:
    """The tasks ``user`` may see, with ``time_logged`` and the assignees."""
    return (
        Task.objects.visible_to(user, action)
        .annotate(
            time_logged=time_logged_subquery(),
            attachments_count=related_count(Task, "attachments"),
        )
        .prefetch_related("assignees")
    )


def time_entry_list(*, user, task: Task) -> QuerySet[TimeEntry]:
    """The time entries of a task ``user`` may see."""
    return scope(TimeEntry.objects.filter(task=task), user).select_related("user")


def task_rows(*, user) -> QuerySet[Task]:
    """The tasks ``user`` may see, with the client, shoot and deliverable a page links to."""
    return task_list(user=user).select_related("client", "shoot", "deliverable")


def task_get(*, user, pk, action: str = Action.VIEW) -> Task:
    """One task ``user`` may act on, with what its page shows, else 404."""
    found = task_list(user=user, action=action).select_related("client", "shoot", "deliverable")
    return get_object_or_404(found, pk=pk)
