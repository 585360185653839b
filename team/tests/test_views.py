"""Dashboard pages of the team: members, roles, upcoming shoots, open tasks."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dashboard.tests.factories import make_dashboard_world
from localbzz.testing import query_count
from shoots.tests.factories import make_shoot
from tasks.tests.factories import make_task
from team.tests.factories import make_team_member


@pytest.fixture
def team(client, team_user):
    client.force_login(team_user)
    return client


def test_team_list_shows_roles_and_counts(team, client_a):
    eve = make_team_member(name="Eve Editor", roles=("Editor", "Scheduler"))
    make_shoot(client_a, crew=[(eve, "Editor")], shoot_start=timezone.now() + timedelta(days=1))
    make_shoot(client_a, crew=[(eve, "Editor")], shoot_start=timezone.now() - timedelta(days=1))
    make_task(assignees=[eve], status="To Do")
    make_task(assignees=[eve], status="Completed", completed_at=timezone.now())
    html = team.get("/team/?search=eve").content.decode()
    row = html.split("Eve Editor")[1].split("</tr>")[0]
    assert "Scheduler" in row
    assert ">1</a>" in row.split("Upcoming shoots")[1]
    assert ">1</a>" in row.split("Open tasks")[1]


def test_member_page_lists_upcoming_shoots_and_open_tasks(team, client_a):
    eve = make_team_member(name="Eve Editor")
    make_shoot(client_a, crew=[(eve, "Editor")], shoot_start=timezone.now() + timedelta(days=1))
    make_task(assignees=[eve], name="Cut the teaser")
    html = team.get(f"/team/{eve.pk}/").content.decode()
    assert "Acme Bakery" in html
    assert "Cut the teaser" in html


def test_list_filters_by_role(team, db):
    make_team_member(name="Sam Scheduler", roles=("Scheduler",))
    make_team_member(name="Ed Editor", roles=("Editor",))
    html = team.get("/team/?role=Scheduler").content.decode()
    assert "Sam Scheduler" in html
    assert "Ed Editor" not in html


def test_query_count_does_not_grow_with_rows(team, client_a, team_user, django_assert_num_queries):
    make_dashboard_world(client_a, team_user.team_member, n=2)
    few = query_count(team, "/team/")
    for _ in range(20):
        member = make_team_member(roles=("Editor", "Scheduler"))
        make_dashboard_world(client_a, member, n=1)
    with django_assert_num_queries(few):
        team.get("/team/")
    assert few <= 10
