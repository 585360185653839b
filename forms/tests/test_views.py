"""The review queue of form submissions: approve creates the client, reject needs a reason."""

import pytest

from clients.models import Client
from dashboard.tests.factories import make_dashboard_world
from forms.models import FormSubmission
from forms.tests.factories import make_form_submission
from localbzz.testing import query_count


@pytest.fixture
def team(client, team_user):
    client.force_login(team_user)
    return client


def test_team_member_approves_and_lands_on_the_new_pitching_client(team, db):
    s = make_form_submission(business_name="Corner Florist")
    response = team.post(f"/submissions/{s.pk}/approve/", follow=True)
    client = Client.objects.get(name="Corner Florist")
    assert client.status == "Pitching"
    assert response.redirect_chain[-1][0] == f"/clients/{client.pk}/"
    assert b"Corner Florist is now a Pitching client" in response.content
    s.refresh_from_db()
    assert s.approval_status == "Approved"
    assert s.client == client


def test_reject_needs_a_reason_and_keeps_the_submission_pending(team, db):
    s = make_form_submission()
    response = team.post(f"/submissions/{s.pk}/reject/", {"reason": "  "})
    assert response.status_code == 400
    assert b"Give a reason" in response.content
    s.refresh_from_db()
    assert s.approval_status == "Pending"
    assert team.post(f"/submissions/{s.pk}/reject/", {"reason": "Out of area"}).status_code == 302
    s.refresh_from_db()
    assert s.approval_status == "Rejected"
    assert s.rejection_reason == "Out of area"


def test_rejecting_an_approved_submission_is_refused_on_the_page(team, db):
    s = make_form_submission()
    team.post(f"/submissions/{s.pk}/approve/")
    response = team.post(f"/submissions/{s.pk}/reject/", {"reason": "changed mind"})
    assert response.status_code == 400
    assert b"already approved" in response.content
    assert FormSubmission.objects.get(pk=s.pk).approval_status == "Approved"


def test_queue_shows_pending_first_and_filters(team, db):
    make_form_submission(business_name="Old pending")
    done = make_form_submission(business_name="Rejected one")
    team.post(f"/submissions/{done.pk}/reject/", {"reason": "no"})
    html = team.get("/submissions/").content.decode().split("<tbody>")[1]
    assert html.index("Old pending") < html.index("Rejected one")
    html = team.get("/submissions/?approval_status=Pending").content.decode()
    assert "Old pending" in html
    assert "Rejected one" not in html


def test_query_count_does_not_grow_with_rows(team, client_a, team_user, django_assert_num_queries):
    make_dashboard_world(client_a, team_user.team_member, n=2)
    few = query_count(team, "/submissions/")
    make_dashboard_world(client_a, team_user.team_member, n=40)
    with django_assert_num_queries(few):
        team.get("/submissions/")
    assert few <= 8
