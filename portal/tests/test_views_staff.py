"""The staff inbox of portal requests: status, assignment, replies, live partial."""

import pytest

from dashboard.tests.factories import make_dashboard_world
from localbzz.events.models import Event
from localbzz.testing import query_count
from portal.models import PortalRequestReply
from portal.tests.factories import make_portal_request
from team.tests.factories import make_team_member


@pytest.fixture
def team(client, team_user):
    client.force_login(team_user)
    return client


def test_inbox_lists_requests_across_clients_new_first(team, client_a, client_b):
    make_portal_request(client_a, content="Done thing", status="Done")
    make_portal_request(client_b, content="New thing")
    html = team.get("/requests/").content.decode()
    assert html.index("New thing") < html.index("Done thing")
    html = team.get(f"/requests/?client_id={client_b.pk}").content.decode()
    assert "New thing" in html
    assert "Done thing" not in html


def test_status_change_and_assignment_go_through_the_service(team, client_a):
    member = make_team_member(name="Rita Responder")
    r = make_portal_request(client_a)
    data = {"status": "Working", "priority": "Urgent", "topic": "Content", "assigned_to": member.pk}
    assert team.post(f"/requests/{r.pk}/update/", data).status_code == 302
    r.refresh_from_db()
    assert (r.status, r.priority, r.assigned_to) == ("Working", "Urgent", member)
    assert Event.objects.filter(type="portal_request.updated", object_id=str(r.pk)).exists()


def test_invalid_update_keeps_the_request_unchanged(team, client_a):
    r = make_portal_request(client_a)
    response = team.post(f"/requests/{r.pk}/update/", {"status": "Whatever"})
    assert response.status_code == 400
    assert b"field-error" in response.content
    r.refresh_from_db()
    assert r.status == "New"


def test_staff_reply_appears_in_the_thread(team, team_user, client_a):
    r = make_portal_request(client_a)
    assert (
        team.post(f"/requests/{r.pk}/reply/", {"body": "We will film it Friday"}).status_code == 302
    )
    reply = PortalRequestReply.objects.get(request=r)
    assert reply.author == team_user
    assert b"We will film it Friday" in team.get(f"/requests/{r.pk}/").content
    response = team.post(f"/requests/{r.pk}/reply/", {"body": "   "})
    assert response.status_code == 400
    assert b"Write a message" in response.content


def test_inbox_partial_is_a_live_region(team, client_a):
    make_portal_request(client_a, content="Live one")
    html = team.get("/requests/inbox/").content.decode()
    assert html.lstrip().startswith('<div id="requests-inbox"')
    assert 'data-live-types="portal_request.*"' in html
    assert "Live one" in html


@pytest.mark.parametrize(
    "url", ["/requests/", "/requests/inbox/", "/requests/?status=New&search=a"]
)
def test_query_count_does_not_grow_with_rows(
    team, client_a, team_user, url, django_assert_num_queries
):
    make_dashboard_world(client_a, team_user.team_member, n=2)
    few = query_count(team, url)
    make_dashboard_world(client_a, team_user.team_member, n=30)
    with django_assert_num_queries(few):
        team.get(url)
    assert few <= 10
