"""Every list endpoint runs the same number of SQL queries for 1 row and for 50."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from deliverables.tests.factories import make_deliverable
from forms.tests.factories import make_form_submission
from localbzz.accounts.models import Role
from localbzz.accounts.tests.factories import make_user
from localbzz.testing import fresh_ip
from portal.tests.factories import make_portal_request
from shoots.models import ShootAssignment
from shoots.tests.factories import make_shoot
from tasks.models import TimeEntry
from tasks.tests.factories import make_task
from team.tests.factories import make_team_member


def _shoots(n, w):
    for _ in range(n):
        shoot = make_shoot(w.client_a)
        ShootAssignment.objects.create(shoot=shoot, team_member=w.member, role="Editor")
        ShootAssignment.objects.create(shoot=shoot, team_member=make_team_member(), role="Editor")


def _deliverables(n, w):
    for _ in range(n):
        make_deliverable(w.client_a, w.shoot)


def _tasks(n, w):
    for _ in range(n):
        task = make_task(client=w.client_a, assignees=[w.member, make_team_member()])
        TimeEntry.objects.create(
            task=task,
            user=w.team_user,
            started_at=timezone.now() - timedelta(hours=3),
            ended_at=timezone.now() - timedelta(hours=2),
            duration=timedelta(hours=1),
        )


def _team_members(n, w):
    for _ in range(n):
        make_team_member(roles=("Editor", "Scheduler"))


def _clients(n, w):
    from clients.tests.factories import make_client

    for _ in range(n):
        make_client()


def _submissions(n, w):
    for _ in range(n):
        make_form_submission()


def _requests(n, w):
    for _ in range(n):
        make_portal_request(w.client_a)


def _users(n, w):
    for _ in range(n):
        make_user(Role.TEAM)


def _time_entries(n, w):
    start = timezone.now() - timedelta(days=10)
    for i in range(n):
        TimeEntry.objects.create(
            task=w.task,
            user=w.team_user,
            started_at=start + timedelta(hours=i),
            duration=timedelta(minutes=30),
            ended_at=start + timedelta(hours=i, minutes=30),
        )


# path template, row builder, expected queries (same for 1 and for 50 rows). Every list folds
# its total into the page query (localbzz/api/pagination.py) and, nested, the parent's
# visibility too (a subquery): one query for the page, plus one per prefetched relation
# (a shoot's crew, a task's assignees, a team member's roles), plus the portal's client.
LISTS = {
    "clients": ("/api/clients", _clients, 1),
    "team-members": ("/api/team-members", _team_members, 2),
    "shoots": ("/api/shoots", _shoots, 2),
    "deliverables": ("/api/deliverables", _deliverables, 1),
    "tasks": ("/api/tasks", _tasks, 2),
    "form-submissions": ("/api/form-submissions", _submissions, 1),
    "portal-requests": ("/api/portal-requests", _requests, 1),
    "users": ("/api/users", _users, 1),
    "client-shoots": ("/api/clients/{client}/shoots", _shoots, 2),
    "client-deliverables": ("/api/clients/{client}/deliverables", _deliverables, 1),
    "client-tasks": ("/api/clients/{client}/tasks", _tasks, 2),
    "shoot-deliverables": ("/api/shoots/{shoot}/deliverables", _deliverables, 1),
    "team-member-tasks": ("/api/team-members/{member}/tasks", _tasks, 2),
    "client-portal-requests": ("/api/client-portal/acme/requests", _requests, 2),
    "client-portal-deliverables": ("/api/client-portal/acme/deliverables", _deliverables, 2),
    "task-time-entries": ("/api/tasks/{task}/time-entries", _time_entries, 3),
}


class World:
    def __init__(self, admin_user, team_user, client_a):
        self.admin_user = admin_user
        self.team_user = team_user
        self.client_a = client_a
        self.member = team_user.team_member
        self.shoot = make_shoot(client_a)
        self.task = make_task(client=client_a)


@pytest.mark.parametrize("name", sorted(LISTS))
@pytest.mark.parametrize("rows", [1, 50])
def test_list_endpoint_runs_constant_queries(
    name, rows, admin_user, team_user, client_a, django_assert_num_queries
):
    path, build, expected = LISTS[name]
    w = World(admin_user, team_user, client_a)
    build(rows, w)
    url = path.format(client=client_a.pk, shoot=w.shoot.pk, member=w.member.pk, task=w.task.pk)
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(admin_user)
    with django_assert_num_queries(expected):
        response = api.get(url, {"page_size": 100})
    assert response.status_code == 200
    assert len(response.json()["results"]) >= rows


def test_task_list_reports_total_time_logged_without_a_query_per_row(admin_user, team_user):
    task = make_task()
    for minutes in (30, 45):
        TimeEntry.objects.create(
            task=task,
            user=team_user,
            started_at=timezone.now() - timedelta(hours=5),
            duration=timedelta(minutes=minutes),
            ended_at=timezone.now() - timedelta(hours=5) + timedelta(minutes=minutes),
        )
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(admin_user)
    with CaptureQueriesContext(connection) as ctx:
        response = api.get("/api/tasks")
    assert response.json()["results"][0]["time_logged"] == "01:15:00"
    assert len(ctx) <= 3


def test_lean_deliverable_list_matches_the_serializer_exactly(admin_user, client_a, team_user):
    import json

    from deliverables.api.serializers import DeliverableSerializer
    from deliverables.models import Deliverable

    shoot = make_shoot(client_a)
    make_deliverable(client_a, shoot, assignee=team_user.team_member, caption="Hi")
    make_deliverable(client_a, None, due_date=None)
    Deliverable.objects.update(status_changed_at=timezone.now())
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(admin_user)
    lean = api.get("/api/deliverables").json()["results"]
    ordered = Deliverable.objects.order_by("due_date", "title")
    full = json.loads(json.dumps(DeliverableSerializer(ordered, many=True).data))
    assert lean == full
    nested = api.get(f"/api/clients/{client_a.pk}/deliverables").json()["results"]
    assert nested == full
    portal = api.get("/api/client-portal/acme/deliverables").json()["results"]
    assert portal == full
