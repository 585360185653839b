"""Dashboard pages ask the policy (permissions.py) for every action, as the API does; an
object a user may not act on is missing (404), never a 403 that admits it exists."""

import uuid

import pytest

from clients.models import Client
from forms.models import FormSubmission
from forms.tests.factories import make_form_submission
from localbzz.accounts.permissions import policy_for
from shoots.models import Shoot
from shoots.tests.factories import make_shoot


@pytest.fixture
def team(client, team_user):
    client.force_login(team_user)
    return client


def grant(monkeypatch, model, role: str, actions: set) -> None:
    """Narrows (or widens) what ``role`` may do on ``model`` for one test."""
    policy = policy_for(model)
    monkeypatch.setattr(policy, "grants", {**policy.grants, role: set(actions)})


def test_shoot_edit_answers_404_for_a_shoot_the_user_may_not_change(team, client_a, monkeypatch):
    shoot = make_shoot(client_a)
    grant(monkeypatch, Shoot, "team", {"view"})
    assert team.get(f"/shoots/{shoot.pk}/").status_code == 200
    assert team.get(f"/shoots/{shoot.pk}/edit/").status_code == 404
    assert team.post(f"/shoots/{shoot.pk}/edit/", {}).status_code == 404


def test_rejecting_a_submission_needs_approve_as_in_the_api(team, team_user, monkeypatch):
    submission = make_form_submission(business_name="Corner Shop")
    grant(monkeypatch, FormSubmission, "team", {"view", "change"})
    assert team.post(f"/submissions/{submission.pk}/reject/", {"reason": "no"}).status_code == 404
    submission.refresh_from_db()
    assert submission.approval_status == "Pending"
    from localbzz.testing import api_client

    api = api_client(team_user).post(
        f"/api/form-submissions/{submission.pk}/reject", {"reason": "no"}, format="json"
    )
    assert api.status_code in (403, 404)


def test_creating_a_client_is_the_policys_add_not_a_role_check(team, monkeypatch):
    assert team.get("/clients/new/").status_code == 404
    grant(monkeypatch, Client, "team", {"view", "change", "add"})
    assert team.get("/clients/new/").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/clients/{pk}/",
        "/clients/{pk}/edit/",
        "/clients/{pk}/delete/",
        "/shoots/{pk}/",
        "/shoots/{pk}/edit/",
        "/shoots/{pk}/delete/",
        "/deliverables/{pk}/",
        "/deliverables/{pk}/delete/",
        "/tasks/{pk}/",
        "/tasks/{pk}/edit/",
        "/tasks/{pk}/delete/",
        "/team/{pk}/",
        "/submissions/{pk}/",
        "/requests/{pk}/",
    ],
)
def test_a_missing_object_is_a_404_on_every_page(team, path):
    assert team.get(path.format(pk=uuid.uuid4())).status_code == 404


def test_client_page_and_portal_show_one_plan_progress(client, team_user, client_a, client_a_user):
    """The monthly plan progress is one selector: the client's page and its portal agree,
    also where they used to differ (a target of 0 with work done; rounding)."""
    from django.utils import timezone

    from deliverables.tests.factories import make_deliverable

    Client.objects.filter(pk=client_a.pk).update(default_reels=3, default_carousels=0)
    today = timezone.localdate()
    make_deliverable(client_a, deliverable_type="Reel", due_date=today)
    make_deliverable(client_a, deliverable_type="Carousel", due_date=today)
    make_deliverable(
        client_a,
        deliverable_type="Reel",
        due_date=today.replace(day=1).replace(year=today.year - 1),
    )
    client.force_login(team_user)
    staff_plan = client.get(f"/clients/{client_a.pk}/").context["plan"]
    client.force_login(client_a_user)
    portal_plan = client.get("/portal/acme/").context["plan"]
    assert staff_plan == portal_plan
    by_type = {row["type"]: row for row in portal_plan}
    assert (by_type["Reel"]["done"], by_type["Reel"]["percent"], by_type["Reel"]["step"]) == (
        1,
        33,
        35,
    )
    assert by_type["Carousel"]["percent"] == 100
