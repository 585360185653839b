"""Daily reminders (DESIGN.md §8): shoots tomorrow (their crew), deliverables due tomorrow
or overdue (their assignee), tasks due today or overdue (their assignees), portal requests
waiting for a first answer past ``REQUEST_FIRST_RESPONSE_HOURS`` (staff).

Each person gets one digest a day: an in-app notification and an e-mail, each as their
notification preferences for ``reminder`` say (``localbzz.events.notifications.deliver``).
An item reminds a person at most once a day (``ReminderSent``), however often the job runs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from deliverables.models import Deliverable
from localbzz.accounts.permissions import staff_users
from localbzz.events.notifications import Message, deliver
from portal.models import ClientPortalRequest, RequestStatus
from shoots.models import Shoot, ShootStatus
from tasks.models import Task

from .models import ReminderSent

KIND = "reminder"


def _by_member(pairs) -> dict:
    """``{user: [line, ...]}`` from ``(team member id, line)`` pairs (active users only)."""
    users = {
        u.team_member_id: u
        for u in get_user_model().objects.filter(
            is_active=True, team_member_id__in={m for m, _ in pairs}
        )
    }
    found = defaultdict(list)
    for member_id, item in pairs:
        if member_id in users:
            found[users[member_id]].append(item)
    return found


def due_items(today: dt.date, now: dt.datetime) -> dict:
    """``{user: [(key, line), ...]}``: everything each person should hear about today."""
    tomorrow = today + dt.timedelta(days=1)
    pairs = []
    shoots = Shoot.objects.filter(shoot_start__date=tomorrow).exclude(status=ShootStatus.CANCELLED)
    for shoot in shoots.select_related("client").prefetch_related("assignments"):
        line = (f"shoot:{shoot.pk}", f"Shoot tomorrow {shoot.shoot_start:%H:%M}: {shoot.client}")
        pairs += [(a.team_member_id, line) for a in shoot.assignments.all()]
    deliverables = Deliverable.objects.open().filter(due_date__lte=tomorrow, assignee__isnull=False)
    for d in deliverables.only("pk", "title", "due_date", "assignee_id"):
        when = "overdue since" if d.due_date < today else "due"
        pairs.append((d.assignee_id, (f"deliverable:{d.pk}", f"{d.title}: {when} {d.due_date}")))
    tasks = Task.objects.open().filter(due_date__lte=today).prefetch_related("assignees")
    for task in tasks:
        line = (f"task:{task.pk}", f"Task {task.name}: due {task.due_date}")
        pairs += [(m.pk, line) for m in task.assignees.all()]
    found = _by_member(pairs)
    waiting = ClientPortalRequest.objects.filter(
        status=RequestStatus.NEW,
        created_at__lt=now - dt.timedelta(hours=settings.REQUEST_FIRST_RESPONSE_HOURS),
    ).select_related("client")
    lines = [
        (f"request:{r.pk}", f"Request from {r.client} waiting since {r.created_at:%Y-%m-%d %H:%M}")
        for r in waiting
    ]
    if lines:
        for user in staff_users():
            found[user].extend(lines)
    return found


@transaction.atomic
def send_reminders(*, now: dt.datetime | None = None) -> dict:
    """Sends today's digests; items already sent to a person today are left out."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {"people": 0, "items": 0}
    for user, items in due_items(today, now).items():
        items = list(dict(items).items())  # one line per item
        sent = set(
            ReminderSent.objects.filter(
                user=user, day=today, key__in=[k for k, _ in items]
            ).values_list("key", flat=True)
        )
        new = [(k, line) for k, line in items if k not in sent]
        if not new:
            continue
        ReminderSent.objects.bulk_create(
            [ReminderSent(user=user, key=k, day=today) for k, _ in new], ignore_conflicts=True
        )
        title = f"{len(new)} reminder{'s' if len(new) > 1 else ''} for {today:%a %d %b}"
        deliver(Message(KIND, title, "\n".join(line for _, line in new), "/"), [user])
        counts["people"] += 1
        counts["items"] += len(new)
    return counts
