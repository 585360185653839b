"""Dashboard pages of tasks: board, status, assign, timer, time log, query counts."""

from datetime import timedelta

import pytest

from dashboard.tests.factories import make_dashboard_world
from deliverables.tests.factories import make_deliverable
from localbzz.testing import query_count
from shoots.tests.factories import make_shoot
from tasks.models import Task, TimeEntry
from tasks.tests.factories import make_task
from team.tests.factories import make_team_member

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def team(client, team_user):
    client.force_login(team_user)
    return client


def test_create_task_with_assignees_and_links(team, client_a):
    member = make_team_member(name="Ann Assignee")
    shoot = make_shoot(client_a)
    data = {
        "name": "Edit the reel",
        "status": "To Do",
        "priority": "High",
        "due_date": "2027-01-10",
        "assignees": [member.pk],
        "client": client_a.pk,
        "shoot": shoot.pk,
    }
    response = team.post("/tasks/new/", data)
    assert response.status_code == 302
    task = Task.objects.get(name="Edit the reel")
    assert list(task.assignees.all()) == [member]
    page = team.get(response["Location"]).content.decode()
    assert "Ann Assignee" in page
    assert "High" in page
    assert f"/shoots/{shoot.pk}/" in page
    assert f"/clients/{client_a.pk}/" in page


def test_create_with_errors_keeps_input(team, db):
    response = team.post(
        "/tasks/new/", {"name": "", "description": "keep me", "status": "To Do", "priority": "Nope"}
    )
    assert response.status_code == 200
    assert b"keep me" in response.content
    assert b"field-error" in response.content


def test_board_status_move_returns_the_board(team, client_a):
    task = make_task(client=client_a, name="Move me")
    response = team.post(f"/tasks/{task.pk}/status/", {"status": "Blocked"}, **HTMX)
    assert response.status_code == 200
    task.refresh_from_db()
    assert task.status == "Blocked"
    html = response.content.decode()
    assert 'id="task-board"' in html
    assert 'data-live-types="task.*"' in html
    assert "Move me" in html.split('aria-label="Blocked"')[1].split("</section>")[0]


def test_assign_me_adds_the_signed_in_member(team, team_user, client_a):
    task = make_task(client=client_a)
    assert team.post(f"/tasks/{task.pk}/assign-me/").status_code == 302
    assert team_user.team_member in task.assignees.all()


def test_timer_start_and_stop_logs_time(team, team_user, client_a):
    task = make_task(client=client_a)
    team.post(f"/tasks/{task.pk}/timer/start/")
    entry = TimeEntry.objects.get(task=task, user=team_user)
    assert entry.is_running
    assert b"Stop timer" in team.get(f"/tasks/{task.pk}/").content
    team.post("/tasks/timer/stop/")
    entry.refresh_from_db()
    assert not entry.is_running
    assert entry.duration is not None


def test_stop_without_a_running_timer_says_so(team, db):
    response = team.post("/tasks/timer/stop/", follow=True)
    assert b"No timer is running" in response.content


def test_log_time_adds_an_entry(team, team_user, client_a):
    task = make_task(client=client_a)
    data = {"started_at": "2026-11-02T09:00", "minutes": "45", "note": "colour grade"}
    assert team.post(f"/tasks/{task.pk}/time/", data).status_code == 302
    entry = TimeEntry.objects.get(task=task)
    assert entry.duration == timedelta(minutes=45)
    assert entry.user == team_user
    assert b"45m" in team.get(f"/tasks/{task.pk}/").content


def test_log_time_with_errors_keeps_input(team, client_a):
    task = make_task(client=client_a)
    response = team.post(
        f"/tasks/{task.pk}/time/", {"started_at": "", "minutes": "0", "note": "kept note"}
    )
    assert response.status_code == 400
    assert b"kept note" in response.content
    assert b"field-error" in response.content
    assert not TimeEntry.objects.exists()


def test_list_shows_links_priority_due_and_filters_mine(team, team_user, client_a):
    d = make_deliverable(client_a, title="Linked reel")
    make_task(name="Mine", assignees=[team_user.team_member], deliverable=d, client=client_a)
    make_task(name="Theirs", assignees=[make_team_member()])
    html = team.get("/tasks/?mine=1&open=1").content.decode()
    assert "Mine" in html
    assert "Theirs" not in html
    assert "Linked reel" in html


def test_delete_asks_first(team, client_a):
    task = make_task(client=client_a)
    assert b"cannot be undone" in team.get(f"/tasks/{task.pk}/delete/").content
    assert Task.objects.filter(pk=task.pk).exists()
    team.post(f"/tasks/{task.pk}/delete/")
    assert not Task.objects.filter(pk=task.pk).exists()


@pytest.mark.parametrize(
    "url", ["/tasks/", "/tasks/board/", "/tasks/board/partial/", "/tasks/?mine=1&open=1"]
)
def test_query_count_does_not_grow_with_rows(
    team, client_a, team_user, url, django_assert_num_queries
):
    make_dashboard_world(client_a, team_user.team_member, n=2)
    few = query_count(team, url)
    make_dashboard_world(client_a, team_user.team_member, n=30)
    with django_assert_num_queries(few):
        team.get(url)
    assert few <= 15


def test_log_time_far_in_the_future_is_refused_not_500(team, client_a):
    task = make_task(client=client_a)
    data = {"started_at": "9999-12-31T23:59", "minutes": "600"}
    response = team.post(f"/tasks/{task.pk}/time/", data)
    assert response.status_code == 400
    assert b"between 2000 and 2100" in response.content
