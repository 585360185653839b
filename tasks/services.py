"""Writes to tasks and their time entries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from localbzz.events.services import emit
from localbzz.services import apply_changes, delete_with_event, require_status, validate_and_save
from team.models import TeamMember

from .models import Task, TaskStatus, TimeEntry


def _stamp_completion(task: Task, changes: dict) -> None:
    if "status" not in changes:
        return
    if task.status == TaskStatus.COMPLETED:
        task.completed_at = timezone.now()
    else:
        task.completed_at = None


def _emit_assigned(task: Task, members: Iterable[TeamMember], actor) -> None:
    for member in members:
        emit(
            "task.assigned",
            task,
            actor=actor,
            changes={
                "assignee": {"id": str(member.pk), "name": member.name, "email": member.email}
            },
        )


@transaction.atomic
def task_create(*, actor=None, assignees: Iterable[TeamMember] = (), **data) -> Task:
    """Creates a task; each assignee gets a ``task.assigned`` event."""
    task = Task(**data)
    if task.client_id is None and task.shoot_id:
        task.client_id = task.shoot.client_id
    if task.client_id is None and task.deliverable_id:
        task.client_id = task.deliverable.client_id
    _stamp_completion(task, {"status": True} if task.status == TaskStatus.COMPLETED else {})
    validate_and_save(task)
    assignees = list(assignees)
    task.assignees.set(assignees)
    emit("task.created", task, actor=actor)
    _emit_assigned(task, assignees, actor)
    return task


@transaction.atomic
def task_update(
    *, task: Task, actor=None, assignees: Iterable[TeamMember] | None = None, **data
) -> Task:
    """Updates a task: new assignees get ``task.assigned``; completing emits ``task.completed``."""
    changes = apply_changes(task, data)
    _stamp_completion(task, changes)
    if changes:
        validate_and_save(task)
    added: list[TeamMember] = []
    if assignees is not None:
        assignees = list(assignees)
        before = {m.pk for m in task.assignees.all()}
        task.assignees.set(assignees)
        added = [m for m in assignees if m.pk not in before]
        after = {m.pk for m in assignees}
        if before != after:
            changes["assignees"] = {"from": sorted(map(str, before)), "to": sorted(map(str, after))}
    if changes:
        emit("task.updated", task, actor=actor, changes=changes)
    _emit_assigned(task, added, actor)
    if "status" in changes and task.status == TaskStatus.COMPLETED:
        emit("task.completed", task, actor=actor, changes={"status": changes["status"]})
    return task


def task_set_status(*, task: Task, status: str, actor=None) -> Task:
    """Moves a task to another status."""
    require_status(status, TaskStatus, "task")
    return task_update(task=task, actor=actor, status=status)


def task_assign(*, task: Task, member: TeamMember, actor=None) -> Task:
    """Adds one assignee to a task."""
    current = list(task.assignees.all())
    if member in current:
        return task
    return task_update(task=task, actor=actor, assignees=[*current, member])


@transaction.atomic
def task_delete(*, task: Task, actor=None) -> None:
    """Deletes a task."""
    delete_with_event(task, "task.deleted", actor=actor)


def running_timer(user) -> TimeEntry | None:
    """The user's running timer, if any."""
    return TimeEntry.objects.select_related("task").filter(user=user, ended_at__isnull=True).first()


@transaction.atomic
def timer_start(*, task: Task, user, note: str = "") -> TimeEntry:
    """Starts a timer on ``task``; a timer already running elsewhere is stopped first."""
    current = running_timer(user)
    if current is not None:
        if current.task_id == task.pk:
            return current
        timer_stop(user=user)
    entry = TimeEntry(task=task, user=user, started_at=timezone.now(), note=note)
    entry.full_clean()
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as exc:  # a second tab started a timer at the same moment
        raise ValidationError("A timer is already running for you.") from exc
    return entry


@transaction.atomic
def timer_stop(*, user, note: str | None = None) -> TimeEntry:
    """Stops the user's running timer and records its duration."""
    entry = TimeEntry.objects.select_for_update().filter(user=user, ended_at__isnull=True).first()
    if entry is None:
        raise ValidationError("No timer is running.")
    entry.ended_at = max(timezone.now(), entry.started_at)
    if note is not None:
        entry.note = note
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def time_entry_add(
    *,
    task: Task,
    user,
    started_at: datetime,
    ended_at: datetime | None = None,
    duration: timedelta | None = None,
    note: str = "",
) -> TimeEntry:
    """Logs finished time on a task, given an end or a duration."""
    if ended_at is None and duration is None:
        raise ValidationError({"duration": "Give an end time or a duration."})
    if duration is not None and duration <= timedelta(0):
        raise ValidationError({"duration": "The duration must be positive."})
    entry = TimeEntry(
        task=task, user=user, started_at=started_at, ended_at=ended_at, duration=duration, note=note
    )
    validate_and_save(entry)
    return entry
