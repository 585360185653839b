"""Calendar feeds: the API, the token (hashed, rotated, revoked) and what a feed holds."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.utils import timezone
from icalendar import Calendar

from calendars.models import CalendarFeed, FeedScope
from calendars.services import calendar_feed_create
from deliverables.tests.factories import make_deliverable
from localbzz.accounts.models import Role
from localbzz.accounts.tests.factories import make_user
from localbzz.crypto import keyed_hash
from localbzz.events.models import Event
from localbzz.testing import api_client
from shoots.tests.factories import make_shoot

FEEDS = "/api/calendar-feeds"


def _path(url: str) -> str:
    return urlsplit(url).path


def _uids(client, url: str) -> set[str]:
    response = client.get(_path(url))
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    return {str(event["UID"]) for event in cal.walk("VEVENT")}


@pytest.fixture
def world(client_a, client_b, team_user):
    member = team_user.team_member
    soon = timezone.now() + timedelta(days=3)
    return {
        "mine": make_shoot(client_a, crew=[(member, "Editor")], title="Mine", shoot_start=soon),
        "a_other": make_shoot(client_a, title="A other", shoot_start=soon),
        "b_shoot": make_shoot(client_b, title="B shoot", shoot_start=soon),
        "old": make_shoot(client_a, title="Long ago", shoot_start=soon - timedelta(days=400)),
        "due_mine": make_deliverable(client_a, title="Reel", assignee=member, due_date=soon.date()),
        "due_a": make_deliverable(client_a, title="Photo", due_date=soon.date()),
        "due_b": make_deliverable(client_b, title="B photo", due_date=soon.date()),
        "no_due": make_deliverable(client_a, title="Undated", due_date=None),
    }


def _shoot(s):
    return f"shoot-{s.pk}@localbzz"


def _due(d):
    return f"deliverable-due-{d.pk}@localbzz"


@pytest.mark.django_db
def test_team_member_me_feed_holds_exactly_my_shoots_and_due_dates(client, team_user, world):
    api = api_client(team_user)
    response = api.post(FEEDS, {"scope": "me"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) >= {"id", "scope", "url", "created_at"}
    assert body["url"].startswith("http")
    assert body["url"].endswith(".ics")
    assert _uids(client, body["url"]) == {_shoot(world["mine"]), _due(world["due_mine"])}


@pytest.mark.django_db
def test_agency_feed_holds_every_recent_shoot_and_due_date(client, admin_user, world):
    body = api_client(admin_user).post(FEEDS, {"scope": "agency"}, format="json").json()
    expected = {_shoot(world[k]) for k in ("mine", "a_other", "b_shoot")}
    expected |= {_due(world[k]) for k in ("due_mine", "due_a", "due_b")}
    assert _uids(client, body["url"]) == expected


@pytest.mark.django_db
def test_client_user_feed_holds_only_its_own_client(client, client_a_user, world):
    api = api_client(client_a_user)
    body = api.post(FEEDS, {"scope": "client"}, format="json").json()
    assert body["client_id"] == str(client_a_user.client_id)
    uids = _uids(client, body["url"])
    assert uids == {
        _shoot(world["mine"]),
        _shoot(world["a_other"]),
        _due(world["due_mine"]),
        _due(world["due_a"]),
    }
    text = client.get(_path(body["url"])).content.decode()
    assert "B shoot" not in text
    assert "/shoots/" not in text


@pytest.mark.django_db
def test_staff_client_feed_shows_that_client(client, team_user, client_b, world):
    api = api_client(team_user)
    body = api.post(FEEDS, {"scope": "client", "client_id": str(client_b.pk)}, format="json")
    assert body.status_code == 201
    assert _uids(client, body.json()["url"]) == {_shoot(world["b_shoot"]), _due(world["due_b"])}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "body"),
    [
        ("client_a_user", {"scope": "agency"}),
        ("client_a_user", {"scope": "me"}),
        ("client_a_user", {"scope": "client", "client_id": "CLIENT_B"}),
        ("team_user", {"scope": "client"}),
        ("team_user", {"scope": "agency", "client_id": "CLIENT_B"}),
        ("team_user", {"scope": "week"}),
        ("team_user", {"scope": "client", "client_id": "not-a-uuid"}),
    ],
)
def test_bad_scopes_are_refused_with_400(request, client_b, who, body):
    user = request.getfixturevalue(who)
    body = {k: (str(client_b.pk) if v == "CLIENT_B" else v) for k, v in body.items()}
    response = api_client(user).post(FEEDS, body, format="json")
    assert response.status_code == 400, response.content
    assert set(response.json()["error"]) == {"code", "message", "details", "request_id"}
    assert not CalendarFeed.objects.exists()


@pytest.mark.django_db
def test_token_is_found_by_its_hash_kept_encrypted_and_shown_to_its_owner_only(
    team_user, admin_user
):
    api = api_client(team_user)
    created = api.post(FEEDS, {"scope": "me"}, format="json").json()
    token = _path(created["url"]).rsplit("/", 1)[1].removesuffix(".ics")
    feed = CalendarFeed.objects.get()
    assert feed.token_hash == keyed_hash(token)
    assert token not in feed.token_hash
    assert token.startswith(feed.token_prefix)
    listed = api.get(FEEDS).json()["results"]
    assert [row["id"] for row in listed] == [created["id"]]
    assert listed[0]["url"] == created["url"]  # the owner's list shows the URL again
    assert listed[0]["token_prefix"] == feed.token_prefix
    with connection.cursor() as cursor:  # encrypted at rest
        cursor.execute("SELECT token FROM calendars_calendarfeed")
        (stored,) = cursor.fetchone()
    assert stored
    assert token not in stored
    assert api_client(admin_user).get(FEEDS).json()["results"] == []  # only one's own
    events = Event.objects.filter(type="calendar_feed.created")
    assert events.count() == 1
    assert token not in str(events.get().data)


@pytest.mark.django_db
def test_rotate_replaces_the_url_and_delete_revokes(client, team_user, world):
    api = api_client(team_user)
    created = api.post(FEEDS, {"scope": "me"}, format="json").json()
    rotated = api.post(f"{FEEDS}/{created['id']}/rotate", format="json")
    assert rotated.status_code == 200
    new_url = rotated.json()["url"]
    assert new_url != created["url"]
    assert client.get(_path(created["url"])).status_code == 404
    assert client.get(_path(new_url)).status_code == 200
    assert api.delete(f"{FEEDS}/{created['id']}").status_code == 204
    assert client.get(_path(new_url)).status_code == 404
    assert api.get(FEEDS).json()["count"] == 0
    types = list(Event.objects.order_by("occurred_at").values_list("type", flat=True))
    assert types[-3:] == [
        "calendar_feed.created",
        "calendar_feed.rotated",
        "calendar_feed.revoked",
    ]


@pytest.mark.django_db
def test_someone_elses_feed_is_404(team_user, admin_user):
    feed, _ = calendar_feed_create(actor=team_user, scope=FeedScope.ME)
    other = api_client(admin_user)
    assert other.post(f"{FEEDS}/{feed.pk}/rotate").status_code == 404
    assert other.delete(f"{FEEDS}/{feed.pk}").status_code == 404
    assert other.get(FEEDS).json()["count"] == 0


@pytest.mark.django_db
def test_unknown_token_and_deactivated_owner_answer_404(client, team_user):
    _, token = calendar_feed_create(actor=team_user, scope=FeedScope.ME)
    assert client.get("/feeds/0123456789abcdef.ics").status_code == 404
    assert client.get(f"/feeds/{token}.ics").status_code == 200
    team_user.is_active = False
    team_user.save(update_fields=["is_active"])
    assert client.get(f"/feeds/{token}.ics").status_code == 404


@pytest.mark.django_db
def test_feed_runs_a_constant_number_of_queries(client, client_a, django_assert_num_queries):
    user = make_user(Role.ADMIN)
    _, token = calendar_feed_create(actor=user, scope=FeedScope.AGENCY)
    for n in range(6):
        make_shoot(client_a, title=f"S{n}")
        make_deliverable(client_a, title=f"D{n}", due_date=timezone.localdate())
    # the feed and its owner, shoots (+ their crew), deliverables, the last-read time
    with django_assert_num_queries(5):
        response = client.get(f"/feeds/{token}.ics")
    cal = Calendar.from_ical(response.content)
    assert len(cal.walk("VEVENT")) == 12
    assert cal["X-WR-CALNAME"] == "LocalBzz · Agency"


@pytest.mark.django_db
def test_feed_list_runs_a_constant_number_of_queries(
    team_user, client_a, django_assert_num_queries
):
    for _ in range(5):
        calendar_feed_create(actor=team_user, scope=FeedScope.CLIENT, client=client_a)
    api = api_client(team_user)
    with django_assert_num_queries(1):  # the page with its count folded in
        response = api.get(FEEDS)
    assert response.json()["count"] == 5


@pytest.mark.django_db
def test_account_page_lists_my_feeds_and_a_client_user_gets_404(
    client, team_user, client_a_user, client_a, django_assert_max_num_queries
):
    calendar_feed_create(actor=team_user, scope=FeedScope.CLIENT, client=client_a)
    client.force_login(team_user)
    with django_assert_max_num_queries(25):
        page = client.get("/account/")
    assert page.status_code == 200
    assert b"Calendar feeds" in page.content
    assert b"Acme Bakery" in page.content
    client.force_login(client_a_user)
    assert client.get("/account/").status_code == 404


@pytest.mark.django_db
def test_portal_account_page_offers_the_client_feed(client, client_a_user):
    calendar_feed_create(actor=client_a_user, scope=FeedScope.CLIENT)
    client.force_login(client_a_user)
    page = client.get("/portal/acme/account/")
    assert page.status_code == 200
    assert b"Calendar feeds" in page.content
    assert b"data-feeds-url" in page.content
    assert b"The whole agency" not in page.content
