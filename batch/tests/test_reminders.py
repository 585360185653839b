"""Reminders (once per item per person per day, frozen clock) and housekeeping."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from batch import housekeeping, reminders
from batch.jobs import plan_next_month
from clients.models import ClientStatus, ShootFrequency
from clients.tests.factories import make_client
from deliverables.tests.factories import make_deliverable
from localbzz.accounts.models import Role
from localbzz.accounts.tests.factories import make_user
from localbzz.events.models import Notification, NotificationPreference
from portal.tests.factories import make_portal_request
from shoots.models import Shoot
from shoots.tests.factories import make_shoot
from tasks.tests.factories import make_task

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2030, 3, 5, 7, 0, tzinfo=dt.UTC)  # a Tuesday, 07:00: the job's hour
TODAY = NOW.date()


@pytest.fixture
def world(team_user, admin_user, client_a):
    member = team_user.team_member
    make_shoot(client_a, crew=[(member, "Editor")], shoot_start=NOW + dt.timedelta(days=1))
    make_shoot(client_a, crew=[(member, "Editor")], shoot_start=NOW + dt.timedelta(days=3))
    make_deliverable(client_a, None, assignee=member, due_date=TODAY + dt.timedelta(days=1))
    make_deliverable(client_a, None, assignee=member, due_date=TODAY - dt.timedelta(days=4))
    make_deliverable(client_a, None, assignee=member, due_date=TODAY + dt.timedelta(days=5))
    make_task(assignees=[member], due_date=TODAY, name="Cut the reel")
    make_task(assignees=[member], due_date=TODAY + dt.timedelta(days=2))
    old = make_portal_request(client_a)
    type(old).objects.filter(pk=old.pk).update(created_at=NOW - dt.timedelta(hours=5))
    recent = make_portal_request(client_a)  # arrived an hour ago: not waiting yet
    type(recent).objects.filter(pk=recent.pk).update(created_at=NOW - dt.timedelta(hours=1))
    return member


def test_each_person_gets_one_digest_and_nothing_twice_the_same_day(
    world, team_user, admin_user, mailoutbox, settings, embedded_celery
):
    settings.REQUEST_FIRST_RESPONSE_HOURS = 4
    counts = reminders.send_reminders(now=NOW)
    crew = Notification.objects.get(user=team_user, kind="reminder")
    assert crew.title == "5 reminders for Tue 05 Mar"
    lines = crew.body.splitlines()
    assert sum(line.startswith("Shoot tomorrow") for line in lines) == 1
    assert sum("overdue since" in line for line in lines) == 1
    assert any(line.startswith("Task Cut the reel") for line in lines)
    assert sum(line.startswith("Request from") for line in lines) == 1
    admin = Notification.objects.get(user=admin_user, kind="reminder")
    assert admin.title == "1 reminder for Tue 05 Mar"
    assert counts == {"people": 2, "items": 6}
    assert len(mailoutbox) == 2

    assert reminders.send_reminders(now=NOW + dt.timedelta(hours=2)) == {"people": 0, "items": 0}
    assert Notification.objects.filter(kind="reminder").count() == 2
    assert len(mailoutbox) == 2
    # the next day, what is still due reminds again
    assert reminders.send_reminders(now=NOW + dt.timedelta(days=1))["items"] > 0


def test_preferences_are_respected(world, team_user, mailoutbox, embedded_celery):
    NotificationPreference.objects.create(user=team_user, kind="reminder", in_app=True, email=False)
    reminders.send_reminders(now=NOW)
    assert Notification.objects.filter(user=team_user, kind="reminder").exists()
    assert team_user.email not in [m.to[0] for m in mailoutbox]


def test_inactive_people_and_cancelled_shoots_are_left_out(client_a):
    member_user = make_user(Role.TEAM)
    member_user.is_active = False
    member_user.save()
    make_shoot(
        client_a, crew=[(member_user.team_member, "Editor")], shoot_start=NOW + dt.timedelta(days=1)
    )
    assert reminders.send_reminders(now=NOW) == {"people": 0, "items": 0}


def test_housekeeping_removes_expired_sessions_tokens_and_old_lockouts(team_user):
    from axes.models import AccessAttempt
    from django.contrib.sessions.backends.db import SessionStore
    from rest_framework_simplejwt.token_blacklist.models import OutstandingToken
    from rest_framework_simplejwt.tokens import RefreshToken

    store = SessionStore()
    store.set_expiry(-10)
    store.create()
    RefreshToken.for_user(team_user)  # outstanding, valid
    OutstandingToken.objects.create(
        user=team_user, jti="old", token="x", expires_at=timezone.now() - dt.timedelta(days=1)
    )
    old = AccessAttempt.objects.create(username="x", ip_address="10.0.0.1", failures_since_start=3)
    AccessAttempt.objects.filter(pk=old.pk).update(
        attempt_time=timezone.now() - dt.timedelta(days=40)
    )
    AccessAttempt.objects.create(username="y", ip_address="10.0.0.2", failures_since_start=1)
    counts = housekeeping.housekeeping()
    assert counts["tokens"] >= 1
    assert counts["lockouts"] == 1
    assert OutstandingToken.objects.count() == 1
    assert AccessAttempt.objects.get().username == "y"


def test_the_monthly_planner_job_applies_only_when_switched_on(settings):
    make_client(
        shoot_frequency=ShootFrequency.MONTHLY,
        status=ClientStatus.ACTIVE,
        default_reels=1,
        default_photos=0,
        default_carousels=0,
    )
    settings.PLANNER_AUTO_APPLY = False
    assert plan_next_month()["clients"] == 0
    settings.PLANNER_AUTO_APPLY = True
    assert plan_next_month() == {"clients": 1, "shoots": 1, "deliverables": 1}
    assert plan_next_month() == {"clients": 1, "shoots": 0, "deliverables": 0}
    assert Shoot.objects.count() == 1
