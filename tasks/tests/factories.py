"""Tasks for tests and the demo: ``build_task``, ``build_time_entry`` (unsaved), ``make_task``."""

from __future__ import annotations

from localbzz.testing import sequence
from tasks.models import Task, TimeEntry


def build_task(**kw) -> Task:
    """An unsaved, valid task (assignees are a many-to-many: set them after saving)."""
    if "name" not in kw:
        kw["name"] = f"Task {sequence()}"
    return Task(**kw)


def make_task(assignees=(), **kw) -> Task:
    task = build_task(**kw)
    task.save(force_insert=True)
    if assignees:
        task.assignees.set(assignees)
    return task


def build_time_entry(**kw) -> TimeEntry:
    """An unsaved, logged (not running) time entry: ``duration`` is ``ended_at - started_at``."""
    entry = TimeEntry(**kw)
    if entry.ended_at is not None and entry.duration is None:
        entry.duration = entry.ended_at - entry.started_at
    return entry
