"""Small factory functions for tests: each builds one valid row with sensible defaults."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone

from clients.models import Client, ClientStatus
from deliverables.models import Deliverable, DeliverableStatus, DeliverableType
from forms.models import FormSubmission
from localbzz.accounts.models import Role, User
from portal.models import ClientPortalRequest
from shoots.models import Shoot, ShootAssignment
from tasks.models import Task
from team.models import TeamMember, TeamRole

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery-staple"


def make_client(**kw) -> Client:
    n = next(_seq)
    kw.setdefault("name", f"Client {n}")
    kw.setdefault("status", ClientStatus.ACTIVE)
    kw.setdefault("client_portal_subdomain", f"client-{n}")
    kw.setdefault("email", f"owner{n}@client.test")
    kw.setdefault("default_reels", 4)
    kw.setdefault("default_photos", 10)
    kw.setdefault("default_carousels", 2)
    return Client.objects.create(**kw)


def make_team_member(roles=("Editor",), **kw) -> TeamMember:
    n = next(_seq)
    kw.setdefault("name", f"Team Member {n}")
    kw.setdefault("email", f"member{n}@localbzz.test")
    member = TeamMember.objects.create(**kw)
    member.roles.set([TeamRole.objects.get_or_create(name=r)[0] for r in roles])
    return member


def make_user(role: str = Role.TEAM, *, client: Client | None = None, **kw) -> User:
    n = next(_seq)
    kw.setdefault("email", f"{role}{n}@localbzz.test")
    kw.setdefault("password", PASSWORD)
    if role == Role.ADMIN:
        return User.objects.create_superuser(**kw)
    if role == Role.CLIENT:
        kw["client"] = client or make_client()
    if role == Role.TEAM and "team_member" not in kw:
        kw["team_member"] = make_team_member(email=kw["email"])
    return User.objects.create_user(role=role, **kw)


def make_shoot(client: Client | None = None, crew=(), **kw) -> Shoot:
    kw.setdefault("shoot_start", timezone.now() + timedelta(days=next(_seq) % 20))
    kw.setdefault("duration", timedelta(hours=2))
    kw.setdefault("location", "Main Street 1")
    shoot = Shoot.objects.create(client=client or make_client(), **kw)
    for member, role in crew:
        ShootAssignment.objects.create(shoot=shoot, team_member=member, role=role)
    return shoot


def make_deliverable(client: Client | None = None, shoot: Shoot | None = None, **kw) -> Deliverable:
    n = next(_seq)
    if client is None:
        client = shoot.client if shoot else make_client()
    kw.setdefault("title", f"Deliverable {n}")
    kw.setdefault("deliverable_type", DeliverableType.REEL)
    kw.setdefault("status", DeliverableStatus.TO_DO)
    kw.setdefault("due_date", timezone.localdate() + timedelta(days=n % 14))
    return Deliverable.objects.create(client=client, shoot=shoot, **kw)


def make_task(assignees=(), **kw) -> Task:
    n = next(_seq)
    kw.setdefault("name", f"Task {n}")
    task = Task.objects.create(**kw)
    if assignees:
        task.assignees.set(assignees)
    return task


def make_form_submission(**kw) -> FormSubmission:
    n = next(_seq)
    kw.setdefault("contact_name", f"Prospect {n}")
    kw.setdefault("email", f"prospect{n}@example.com")
    kw.setdefault("business_name", f"Prospect Business {n}")
    kw.setdefault("consent_to_contact", True)
    return FormSubmission.objects.create(**kw)


def make_portal_request(client: Client | None = None, **kw) -> ClientPortalRequest:
    kw.setdefault("content", f"Please post about our event #{next(_seq)}")
    return ClientPortalRequest.objects.create(client=client or make_client(), **kw)


# --- dashboard ---------------------------------------------------------------------------
def query_count(client, url: str) -> int:
    """How many SQL queries one GET of ``url`` runs (the response must be a 200)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx)


def make_dashboard_world(client: Client, member: TeamMember, n: int = 1) -> None:
    """``n`` of every kind of row the dashboard lists, all tied to ``client`` and ``member``."""
    from deliverables.models import DeliverableStatus as DS
    from tasks.models import TaskStatus

    statuses = list(DS.values)
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


# --- api ---
def fresh_ip() -> str:
    """A client address no other test uses, so per-address rate limits never leak between
    tests (the cache is shared by the xdist workers when Redis is configured)."""
    import random

    return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def api_client(user=None):
    """A DRF test client from a fresh address, signed in as ``user`` when given."""
    from rest_framework.test import APIClient

    api = APIClient(REMOTE_ADDR=fresh_ip())
    if user is not None:
        api.force_authenticate(user)
    return api
