"""Tasks: two per shoot that happened or will, five general ones per scale; the time logged
on the started ones (one person's entries never overlap, none runs past now)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from demo.data import TASK_KINDS
from demo.seeders.base import Demo
from localbzz.accounts.models import User
from shoots.models import Shoot, ShootStatus
from tasks.models import Task, TaskPriority, TaskStatus, TimeEntry
from tasks.tests.factories import build_task, build_time_entry
from team.models import TeamMember

GENERAL = [
    "Plan next quarter's content calendar",
    "Update the agency rate card",
    "Back up the Drive archive",
    "Onboard the new freelance editor",
    "Review analytics for top clients",
]
NOTES = ["", "First pass", "Client tweaks", "Export"]


def _status(demo: Demo, when: datetime) -> str:
    if when > demo.now:
        return demo.rng.choice([TaskStatus.TO_DO, TaskStatus.TO_DO, TaskStatus.BLOCKED])
    return demo.rng.choices(TaskStatus.values, weights=[1, 2, 1, 2, 6])[0]


class TimeLog:
    """The time entries of the started tasks; each person's next entry starts after the last."""

    def __init__(self, demo: Demo, users: dict[uuid.UUID, User]) -> None:
        self.demo = demo
        self.users = users
        self.entries: list[TimeEntry] = []
        self.slots: dict[uuid.UUID, datetime] = {}

    def log(self, task: Task, assignees: list[uuid.UUID], when: datetime) -> None:
        demo, rng = self.demo, self.demo.rng
        for _ in range(rng.randint(1, 3)):
            user = self.users[rng.choice(assignees)]
            slot = self.slots.get(user.id, demo.now - timedelta(days=120))
            start = max(slot, when) + timedelta(minutes=30 * rng.randint(1, 8))
            length = timedelta(minutes=15 * rng.randint(1, 12))
            if start + length > demo.now:
                break
            self.slots[user.id] = start + length
            entry = build_time_entry(
                task_id=task.id,
                user_id=user.id,
                started_at=start,
                ended_at=start + length,
                note=rng.choice(NOTES),
            )
            self.entries.append(demo.stamp(entry, start + length))


def seed_tasks(
    demo: Demo, shoots: list[Shoot], members: list[TeamMember], users: dict[uuid.UUID, User]
) -> list[Task]:
    rng = demo.rng
    tasks, links = [], []
    time_log = TimeLog(demo, users)
    subjects = [s for s in shoots if s.status != ShootStatus.CANCELLED]
    plan = [(shoot, kind) for shoot in subjects for kind in rng.sample(TASK_KINDS, 2)]
    plan += [(None, (name, TaskPriority.LOW, 90)) for name in GENERAL * demo.scale]
    for shoot, (name, priority, estimate) in plan:
        when = shoot.shoot_start if shoot else demo.now - timedelta(days=rng.randint(0, 40))
        due = (when + timedelta(days=rng.randint(-3, 10))).date()
        status = _status(demo, when)
        completed_at = None
        if status == TaskStatus.COMPLETED:
            completed_at = min(when + timedelta(days=rng.randint(1, 9)), demo.now)
        task = build_task(
            name=name.format(c=shoot.client.name) if shoot else name,
            description="See the shoot notes and the client's brand guide.",
            status=status,
            priority=priority,
            due_date=due,
            client_id=shoot.client_id if shoot else None,
            shoot_id=shoot.id if shoot else None,
            estimated_minutes=estimate,
            completed_at=completed_at,
        )
        tasks.append(
            demo.stamp(task, when - timedelta(days=7), completed_at or min(when, demo.now))
        )
        crew = shoot.crew if shoot else [rng.choice(members).id]
        assignees = rng.sample(crew, min(len(crew), rng.randint(1, 2)))
        links += [Task.assignees.through(task_id=task.id, teammember_id=m) for m in assignees]
        if status not in (TaskStatus.TO_DO, TaskStatus.BLOCKED):
            time_log.log(task, assignees, when)
    demo.insert("tasks", Task, tasks)
    demo.link(Task.assignees.through, links)
    demo.insert("time entries", TimeEntry, time_log.entries)
    return tasks
