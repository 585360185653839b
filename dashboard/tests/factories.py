"""A bit of everything the dashboard lists, for its page and query-count tests."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from clients.models import Client
from deliverables.models import DeliverableStatus
from deliverables.tests.factories import make_deliverable
from forms.tests.factories import make_form_submission
from portal.tests.factories import make_portal_request
from shoots.tests.factories import make_shoot
from tasks.models import TaskStatus
from tasks.tests.factories import make_task
from team.models import TeamMember


def make_dashboard_world(client: Client, member: TeamMember, n: int = 1) -> None:
    """``n`` of every kind of row the dashboard lists, all tied to ``client`` and ``member``."""
    statuses = list(DeliverableStatus.values)
    open_task_statuses = [s for s in TaskStatus.values if s != TaskStatus.COMPLETED]
    for i in range(n):
        shoot = make_shoot(
            client, crew=[(member, "Editor")], shoot_start=timezone.now() + timedelta(hours=1 + i)
        )
        deliverable = make_deliverable(
            client,
            shoot=shoot,
            assignee=member,
            status=statuses[i % len(statuses)],
            due_date=timezone.localdate() + timedelta(days=(i % 10) - 3),
            status_changed_at=timezone.now() - timedelta(days=i % 30),
        )
        make_task(
            assignees=[member],
            client=client,
            shoot=shoot,
            deliverable=deliverable,
            status=open_task_statuses[i % len(open_task_statuses)],
            due_date=timezone.localdate(),
        )
        make_form_submission()
        make_portal_request(client, assigned_to=member)
