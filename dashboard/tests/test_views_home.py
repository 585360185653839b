"""The dashboard home: counts with links, the live cards partial, the status chart."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dashboard.tests.factories import make_dashboard_world
from deliverables.tests.factories import make_deliverable
from forms.tests.factories import make_form_submission
from localbzz.testing import query_count
from portal.tests.factories import make_portal_request
from shoots.tests.factories import make_shoot
from tasks.tests.factories import make_task
from team.tests.factories import make_team_member


@pytest.fixture
def team(client, team_user):
    client.force_login(team_user)
    return client


def _count(html: str, key: str) -> int:
    card = html.split(f'id="card-{key}"')[1]
    return int(card.split('class="count')[1].split(">")[1].split("<")[0])


def test_home_counts_each_list_and_links_to_it(team, team_user, client_a):
    today = timezone.localdate()
    now = timezone.now()
    make_shoot(client_a, shoot_start=now.replace(hour=23, minute=0))
    make_deliverable(client_a, due_date=today - timedelta(days=2), status="In Progress")
    make_deliverable(client_a, due_date=today - timedelta(days=2), status="Delivered")
    make_deliverable(client_a, due_date=today + timedelta(days=3), status="To Do")
    make_deliverable(client_a, due_date=today + timedelta(days=30), status="Needs Review")
    make_task(assignees=[team_user.team_member], name="My task")
    make_task(assignees=[make_team_member()], name="Not mine")
    make_task(assignees=[team_user.team_member], status="Completed", completed_at=now)
    make_portal_request(client_a)
    make_portal_request(client_a, status="Done")
    make_form_submission()
    html = team.get("/").content.decode()
    assert _count(html, "today_shoots") == 1
    assert _count(html, "overdue") == 1
    assert _count(html, "due_soon") == 1
    assert _count(html, "review") == 1
    assert _count(html, "my_tasks") == 1
    assert _count(html, "new_requests") == 1
    assert _count(html, "pending") == 1
    for link in (
        "/deliverables/?due=overdue",
        "/tasks/?mine=1&amp;open=1",
        "/requests/?status=New",
        "/submissions/?approval_status=Pending",
        "/deliverables/?status=Needs+Review",
        "/shoots/?when=today",
    ):
        assert link in html
    assert "My task" in html
    assert "Not mine" not in html


def test_home_cards_partial_is_a_live_region(team, client_a):
    html = team.get("/home/cards/").content.decode()
    assert html.lstrip().startswith('<section class="cards" id="home-cards"')
    assert 'data-live-types="' in html
    assert "deliverable.*" in html
    assert 'hx-get="/home/cards/"' in html
    assert 'hx-trigger="live-refresh"' in html


def test_home_draws_the_status_chart_as_svg(team, client_a):
    make_deliverable(client_a, status="Delivered", status_changed_at=timezone.now())
    html = team.get("/").content.decode()
    assert "<svg" in html
    assert "<rect" in html
    assert "1 Delivered" in html


def test_filtered_lists_behind_the_home_links_work(team, team_user, client_a):
    make_dashboard_world(client_a, team_user.team_member, n=3)
    for url in (
        "/deliverables/?due=overdue",
        "/deliverables/?due=soon",
        "/shoots/?when=week",
        "/tasks/?mine=1&open=1",
        "/requests/?status=New",
        "/submissions/?approval_status=Pending",
    ):
        assert team.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/", "/home/cards/"])
def test_query_count_does_not_grow_with_rows(
    team, client_a, team_user, url, django_assert_num_queries
):
    make_dashboard_world(client_a, team_user.team_member, n=2)
    few = query_count(team, url)
    make_dashboard_world(client_a, team_user.team_member, n=40)
    with django_assert_num_queries(few):
        team.get(url)
    assert few <= 22
