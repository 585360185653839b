"""Time tracking through the API: timers and logged entries."""

import pytest
from rest_framework.test import APIClient

from localbzz.testing import fresh_ip
from tasks.models import TimeEntry
from tasks.tests.factories import make_task


@pytest.fixture
def team_api(team_user):
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(team_user)
    return api


def test_timer_starts_and_stops_on_a_task(team_api, team_user):
    task = make_task()
    started = team_api.post(f"/api/tasks/{task.pk}/timer/start", {}, format="json")
    assert started.status_code == 201
    assert started.json()["is_running"] is True
    stopped = team_api.post(f"/api/tasks/{task.pk}/timer/stop", {"note": "cut"}, format="json")
    assert stopped.status_code == 200
    body = stopped.json()
    assert body["is_running"] is False
    assert body["note"] == "cut"
    assert body["duration"] is not None
    assert TimeEntry.objects.get(pk=body["id"]).user == team_user


def test_stopping_without_a_running_timer_is_a_409(team_api):
    task = make_task()
    response = team_api.post(f"/api/tasks/{task.pk}/timer/stop", {}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


def test_starting_a_timer_elsewhere_stops_the_running_one(team_api):
    first, second = make_task(), make_task()
    team_api.post(f"/api/tasks/{first.pk}/timer/start", {}, format="json")
    team_api.post(f"/api/tasks/{second.pk}/timer/start", {}, format="json")
    assert TimeEntry.objects.filter(ended_at__isnull=True).get().task == second
    assert TimeEntry.objects.get(task=first).ended_at is not None


def test_logged_time_adds_up_on_the_task(team_api):
    task = make_task()
    for duration in ("00:30:00", "01:00:00"):
        response = team_api.post(
            f"/api/tasks/{task.pk}/time-entries",
            {"started_at": "2026-01-05T09:00:00Z", "duration": duration},
            format="json",
        )
        assert response.status_code == 201, response.content
    assert team_api.get(f"/api/tasks/{task.pk}").json()["time_logged"] == "01:30:00"
    listed = team_api.get(f"/api/tasks/{task.pk}/time-entries").json()
    assert listed["count"] == 2


def test_time_entry_without_end_or_duration_is_refused(team_api):
    task = make_task()
    response = team_api.post(
        f"/api/tasks/{task.pk}/time-entries", {"started_at": "2026-01-05T09:00:00Z"}, format="json"
    )
    assert response.status_code == 400
    assert "duration" in response.json()["error"]["details"]
    assert not TimeEntry.objects.exists()
