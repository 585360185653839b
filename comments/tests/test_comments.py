"""Comments in two channels: who reads and writes which, @mentions, events, pages."""

from __future__ import annotations

import pytest

from comments.mentions import mention_handles
from comments.models import Comment, Visibility
from comments.services import comment_create
from deliverables.tests.factories import make_deliverable
from localbzz.accounts.models import Role
from localbzz.accounts.tests.factories import make_user
from localbzz.events.models import Event, Notification, NotificationKind
from localbzz.testing import api_client
from portal.tests.factories import make_portal_request
from shoots.tests.factories import make_shoot


@pytest.fixture
def owners(client_a):
    return {
        "deliverables": make_deliverable(client_a, title="Croissant reel"),
        "shoots": make_shoot(client_a, title="Spring shoot"),
        "portal-requests": make_portal_request(client_a, content="Film the new cake"),
    }


def _url(segment, owner):
    return f"/api/{segment}/{owner.pk}/comments"


@pytest.mark.django_db
@pytest.mark.parametrize("segment", ["deliverables", "shoots", "portal-requests"])
def test_client_user_sees_and_writes_only_client_comments(
    segment, owners, team_user, client_a_user
):
    owner = owners[segment]
    staff = api_client(team_user)
    team = staff.post(_url(segment, owner), {"body": "Internal: redo the color grade"})
    assert team.status_code == 201
    assert team.json()["visibility"] == "team"
    shared = staff.post(_url(segment, owner), {"body": "Draft is up", "visibility": "client"})
    assert shared.status_code == 201
    client = api_client(client_a_user)
    rows = client.get(_url(segment, owner)).json()["results"]
    assert [r["body"] for r in rows] == ["Draft is up"]
    refused = client.post(_url(segment, owner), {"body": "psst", "visibility": "team"})
    assert refused.status_code == 400
    assert refused.json()["error"]["details"]["visibility"]
    mine = client.post(_url(segment, owner), {"body": "Love it"})
    assert mine.status_code == 201
    assert mine.json()["visibility"] == "client"
    assert [r["body"] for r in staff.get(_url(segment, owner)).json()["results"]] == [
        "Internal: redo the color grade",
        "Draft is up",
        "Love it",
    ]


@pytest.mark.django_db
def test_other_clients_owner_is_404_and_bad_input_is_400(owners, client_b_user, team_user):
    owner = owners["deliverables"]
    assert api_client(client_b_user).get(_url("deliverables", owner)).status_code == 404
    assert (
        api_client(client_b_user).post(_url("deliverables", owner), {"body": "x"}).status_code
        == 404
    )
    staff = api_client(team_user)
    assert staff.post(_url("deliverables", owner), {"body": "   "}).status_code == 400
    bad = staff.post(_url("deliverables", owner), {"body": "x", "visibility": "public"})
    assert bad.status_code == 400
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_team_comment_event_never_reaches_the_client(
    owners, team_user, client_a_user, django_capture_on_commit_callbacks
):
    owner = owners["deliverables"]
    with django_capture_on_commit_callbacks(execute=True):
        comment_create(actor=team_user, owner=owner, body="Team only", visibility="team")
        comment_create(actor=team_user, owner=owner, body="For you", visibility="client")
    events = Event.objects.filter(type="comment.created").order_by("occurred_at")
    assert [e.client_visible for e in events] == [False, True]
    seen = api_client(client_a_user).get("/api/events").json()["results"]
    bodies = [e["data"]["object"]["body"] for e in seen if e["type"] == "comment.created"]
    assert bodies == ["For you"]


def test_mention_handles():
    assert mention_handles("hi @maya.lens, and @Bo! mail me@x.com @maya.lens.") == [
        "maya.lens",
        "bo",
    ]


@pytest.mark.django_db
def test_mentions_notify_by_local_part_and_name(
    owners, team_user, client_a_user, django_capture_on_commit_callbacks
):
    maya = make_user(Role.TEAM, email="maya.lens@localbzz.test", full_name="Maya Lens")
    bo = make_user(Role.TEAM, email="bo@localbzz.test", full_name="Bo Stern")
    owner = owners["shoots"]
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(
            actor=team_user,
            owner=owner,
            body="@maya.lens and @Bo please check; @owner is the client",
            visibility="team",
        )
    assert set(comment.mentions.all()) == {maya, bo}  # no client user in a team comment
    notes = Notification.objects.filter(kind=NotificationKind.MENTIONED)
    assert {n.user_id for n in notes} == {maya.pk, bo.pk}
    assert notes.first().url.endswith(f"/shoots/{owner.pk}/#comments")
    with django_capture_on_commit_callbacks(execute=True):
        comment_create(
            actor=team_user, owner=owner, body="@owner what do you think?", visibility="client"
        )
    assert Notification.objects.filter(kind=NotificationKind.MENTIONED, user=client_a_user).exists()


@pytest.mark.django_db
def test_list_runs_a_constant_number_of_queries(owners, team_user, django_assert_num_queries):
    owner = owners["deliverables"]
    for n in range(6):
        comment_create(actor=team_user, owner=owner, body=f"note {n} @team", visibility="team")
    api = api_client(team_user)
    # the owner, the page (its count folded in), the mentions
    with django_assert_num_queries(3):
        response = api.get(_url("deliverables", owner))
    assert response.json()["count"] == 6


@pytest.mark.django_db
def test_dashboard_marks_channels_and_portal_shows_client_ones_only(
    client, owners, team_user, client_a_user
):
    owner = owners["deliverables"]
    comment_create(actor=team_user, owner=owner, body="Secret grade note", visibility="team")
    comment_create(actor=team_user, owner=owner, body="Your draft is up", visibility="client")
    client.force_login(team_user)
    page = client.get(f"/deliverables/{owner.pk}/").content.decode()
    assert "Secret grade note" in page
    assert "Your draft is up" in page
    assert 'data-visibility="team"' in page
    assert "Team only</span>" in page
    assert "Client-visible</span>" in page
    client.force_login(client_a_user)
    portal = client.get(f"/portal/acme/deliverables/{owner.pk}/").content.decode()
    assert "Your draft is up" in portal
    assert "Secret grade note" not in portal
    assert "data-comment-form" in portal
    # staff looking at the portal as the client see the client's view, read only
    client.force_login(team_user)
    as_client = client.get(f"/portal/acme/deliverables/{owner.pk}/").content.decode()
    assert "Secret grade note" not in as_client
    assert "data-comment-form" not in as_client


@pytest.mark.django_db
def test_request_pages_show_the_thread(client, owners, team_user, client_a_user):
    owner = owners["portal-requests"]
    comment_create(actor=client_a_user, owner=owner, body="Any news?")
    comment_create(actor=team_user, owner=owner, body="Ask Maya", visibility=Visibility.TEAM)
    client.force_login(team_user)
    assert "Any news?" in client.get(f"/requests/{owner.pk}/").content.decode()
    client.force_login(client_a_user)
    portal = client.get(f"/portal/acme/requests/{owner.pk}/").content.decode()
    assert "Any news?" in portal
    assert "Ask Maya" not in portal
