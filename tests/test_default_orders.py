"""Default orders put today's work first: shoots, deliverables, the board, the portal."""

from datetime import timedelta

import pytest
from django.utils import timezone

from deliverables.tests.factories import make_deliverable
from shoots.tests.factories import make_shoot

pytestmark = pytest.mark.django_db


def _order(html: str, *titles: str) -> list[str]:
    """``titles`` as they appear in ``html``, top to bottom."""
    return sorted(titles, key=lambda t: html.index(t))


def test_shoot_list_starts_with_the_coming_shoots_then_the_latest_past(client, team_user, client_a):
    client.force_login(team_user)
    now = timezone.now()
    for title, days in [
        ("January shoot", -300),
        ("Last week shoot", -7),
        ("Tomorrow shoot", 1),
        ("Next month shoot", 30),
    ]:
        make_shoot(client_a, title=title, shoot_start=now + timedelta(days=days))
    html = client.get("/shoots/").content.decode()
    assert _order(
        html, "January shoot", "Last week shoot", "Tomorrow shoot", "Next month shoot"
    ) == ["Tomorrow shoot", "Next month shoot", "Last week shoot", "January shoot"]
    past = client.get("/shoots/?when=past").content.decode()
    assert _order(past, "January shoot", "Last week shoot") == ["Last week shoot", "January shoot"]


def test_deliverable_list_starts_with_open_work_by_due_date(client, team_user, client_a):
    client.force_login(team_user)
    today = timezone.localdate()
    now = timezone.now()
    make_deliverable(
        client_a, title="September delivery", status="Delivered",
        due_date=today - timedelta(days=90), status_changed_at=now - timedelta(days=80),
    )  # fmt: skip
    make_deliverable(
        client_a, title="Yesterday delivery", status="Delivered",
        due_date=today - timedelta(days=2), status_changed_at=now - timedelta(days=1),
    )  # fmt: skip
    make_deliverable(client_a, title="Overdue reel", due_date=today - timedelta(days=1))
    make_deliverable(client_a, title="Friday reel", due_date=today + timedelta(days=3))
    make_deliverable(client_a, title="Undated idea", due_date=None)
    html = client.get("/deliverables/").content.decode()
    assert _order(
        html, "September delivery", "Yesterday delivery", "Overdue reel", "Friday reel",
        "Undated idea",
    ) == [
        "Overdue reel", "Friday reel", "Undated idea", "Yesterday delivery", "September delivery",
    ]  # fmt: skip


def test_board_delivered_column_shows_the_newest_first(client, team_user, client_a):
    client.force_login(team_user)
    now = timezone.now()
    for title, days in [("Old delivery", 60), ("Fresh delivery", 1), ("Middle delivery", 20)]:
        make_deliverable(
            client_a, title=title, status="Delivered", status_changed_at=now - timedelta(days=days)
        )
    html = client.get("/deliverables/board/").content.decode()
    assert _order(html, "Old delivery", "Fresh delivery", "Middle delivery") == [
        "Fresh delivery",
        "Middle delivery",
        "Old delivery",
    ]


def test_portal_content_opens_on_what_awaits_the_clients_review(client, client_a_user, client_a):
    client.force_login(client_a_user)
    client.defaults["HTTP_HOST"] = "acme.localhost"
    today = timezone.localdate()
    now = timezone.now()
    make_deliverable(client_a, title="Next month placeholder", due_date=today + timedelta(days=35))
    make_deliverable(
        client_a, title="Delivered last week", status="Delivered",
        status_changed_at=now - timedelta(days=7),
    )  # fmt: skip
    make_deliverable(
        client_a, title="Please review me", status="Needs Review", due_date=today + timedelta(2)
    )
    html = client.get("/deliverables/").content.decode()
    assert _order(html, "Next month placeholder", "Delivered last week", "Please review me") == [
        "Please review me",
        "Delivered last week",
        "Next month placeholder",
    ]
