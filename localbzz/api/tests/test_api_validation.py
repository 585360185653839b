"""Bad input gets 400 with field details and changes nothing; no mass assignment."""

import uuid

import pytest
from rest_framework.test import APIClient

from clients.models import Client
from deliverables.models import Deliverable
from deliverables.tests.factories import make_deliverable
from forms.models import FormSubmission
from localbzz.testing import fresh_ip
from portal.models import ClientPortalRequest
from portal.tests.factories import make_portal_request
from shoots.models import Shoot
from shoots.tests.factories import make_shoot
from tasks.models import Task
from team.tests.factories import make_team_member


@pytest.fixture
def team_api(team_user):
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(team_user)
    return api


def details(response, status=400):
    assert response.status_code == status, response.content
    return response.json()["error"]["details"]


def test_wrong_enum_value_is_refused_with_the_field_named(team_api, client_a):
    before = Deliverable.objects.count()
    response = team_api.post(
        "/api/deliverables",
        {"client_id": str(client_a.pk), "title": "Reel", "status": "Done-ish"},
        format="json",
    )
    assert "status" in details(response)
    assert Deliverable.objects.count() == before


def test_bad_uuid_is_refused(team_api):
    response = team_api.post(
        "/api/deliverables", {"client_id": "not-a-uuid", "title": "Reel"}, format="json"
    )
    assert "client_id" in details(response)
    assert not Deliverable.objects.exists()


def test_missing_required_fields_are_listed(team_api):
    response = team_api.post("/api/shoots", {}, format="json")
    d = details(response)
    assert {"client_id", "shoot_start"} <= set(d)
    assert not Shoot.objects.exists()


def test_wrong_types_are_refused(team_api, client_a):
    response = team_api.post(
        "/api/tasks",
        {"name": ["a"], "estimated_minutes": "lots", "client_id": str(client_a.pk)},
        format="json",
    )
    d = details(response)
    assert {"name", "estimated_minutes"} <= set(d)
    assert not Task.objects.exists()


def test_oversize_strings_are_refused(team_api):
    response = team_api.post("/api/tasks", {"name": "x" * 201}, format="json")
    assert "name" in details(response)
    assert not Task.objects.exists()


def test_model_rule_from_the_service_becomes_a_400(team_api, client_a, client_b):
    shoot_b = make_shoot(client_b)
    response = team_api.post(
        "/api/deliverables",
        {"client_id": str(client_a.pk), "shoot_id": str(shoot_b.pk), "title": "Mixed"},
        format="json",
    )
    assert "shoot" in details(response)
    assert not Deliverable.objects.exists()


def test_unknown_foreign_key_is_a_field_error_not_a_500(team_api):
    response = team_api.post(
        "/api/deliverables", {"client_id": str(uuid.uuid4()), "title": "x"}, format="json"
    )
    assert "client_id" in details(response)


def test_shoot_crew_is_written_through_the_service(team_api, client_a):
    editor = make_team_member(roles=("Editor",))
    response = team_api.post(
        "/api/shoots",
        {
            "client_id": str(client_a.pk),
            "shoot_start": "2030-03-01T09:00:00+01:00",
            "duration": "01:30:00",
            "team": [{"team_member_id": str(editor.pk), "role": "Editor"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["team"] == [
        {"team_member_id": str(editor.pk), "name": editor.name, "role": "Editor"}
    ]
    assert body["shoot_end"].startswith("2030-03-01T09:30:00")
    shoot = Shoot.objects.get(pk=body["id"])
    assert list(shoot.team_members.all()) == [editor]
    from localbzz.events.models import Event

    assert Event.objects.filter(type="shoot.created", object_id=str(shoot.pk)).exists()


def test_crew_with_an_unknown_role_is_refused(team_api, client_a):
    editor = make_team_member()
    response = team_api.post(
        "/api/shoots",
        {
            "client_id": str(client_a.pk),
            "shoot_start": "2030-03-01T09:00:00Z",
            "team": [{"team_member_id": str(editor.pk), "role": "Driver"}],
        },
        format="json",
    )
    assert "team" in details(response)
    assert not Shoot.objects.exists()


def test_task_assignees_are_writable_by_id(team_api, team_user):
    member = team_user.team_member
    response = team_api.post(
        "/api/tasks", {"name": "Cut", "assignee_ids": [str(member.pk)]}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["assignee_ids"] == [str(member.pk)]
    task = Task.objects.get(pk=response.json()["id"])
    assert list(task.assignees.all()) == [member]


def test_put_accepts_a_partial_body(team_api, client_a):
    deliverable = make_deliverable(client_a)
    response = team_api.put(
        f"/api/deliverables/{deliverable.pk}", {"status": "In Progress"}, format="json"
    )
    assert response.status_code == 200
    deliverable.refresh_from_db()
    assert deliverable.status == "In Progress"
    assert deliverable.status_changed_at is not None


def test_client_user_cannot_set_status_or_client_of_its_portal_request(client_a_user, client_b):
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(client_a_user)
    response = api.post(
        "/api/client-portal/acme/requests",
        {
            "content": "Please film the new menu",
            "status": "Done",
            "client_id": str(client_b.pk),
            "assigned_to_id": str(uuid.uuid4()),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    created = ClientPortalRequest.objects.get(pk=response.json()["id"])
    assert created.status == "New"
    assert created.client_id == client_a_user.client_id
    assert created.assigned_to_id is None
    assert created.created_by == client_a_user


def test_client_user_cannot_change_a_portal_request_status(client_a_user, client_a):
    request = make_portal_request(client_a)
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(client_a_user)
    response = api.patch(f"/api/portal-requests/{request.pk}", {"status": "Done"}, format="json")
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == "New"


def test_client_user_reviews_its_deliverable_in_needs_review(client_a_user, client_a):
    deliverable = make_deliverable(client_a, status="Needs Review")
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(client_a_user)
    response = api.post(
        f"/api/deliverables/{deliverable.pk}/review",
        {"decision": "Changes Requested"},
        format="json",
    )
    assert "comment" in details(response)
    response = api.post(
        f"/api/deliverables/{deliverable.pk}/review",
        {"decision": "Changes Requested", "comment": "Brighter please"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "In Progress"


def test_invalid_filter_value_answers_400(team_api):
    assert "status" in details(team_api.get("/api/tasks?status=Someday"))
    assert "client_id" in details(team_api.get("/api/deliverables?client_id=zzz"))
    assert "due_date" in details(team_api.get("/api/deliverables?due_date_after=tomorrow"))


def test_team_members_filter_by_role(team_api):
    editor = make_team_member(roles=("Editor", "Scheduler"))
    make_team_member(roles=("Content Creator",))
    response = team_api.get("/api/team-members?role=Scheduler")
    assert [m["id"] for m in response.json()["results"]] == [str(editor.pk)]
    response = team_api.get("/api/team-members?role=Editor")
    ids = [m["id"] for m in response.json()["results"]]
    assert str(editor.pk) in ids
    assert len(ids) == len(set(ids))


def test_lists_filter_by_updated_after_search_and_ordering(team_api):
    a = Client.objects.create(name="Alpha Cafe", client_portal_subdomain="alpha")
    Client.objects.create(name="Zulu Gym", client_portal_subdomain="zulu")
    assert [c["name"] for c in team_api.get("/api/clients?search=cafe").json()["results"]] == [
        "Alpha Cafe"
    ]
    names = [c["name"] for c in team_api.get("/api/clients?ordering=-name").json()["results"]]
    assert names == sorted(names, reverse=True)
    later = (a.updated_at).isoformat().replace("+00:00", "Z")
    response = team_api.get("/api/clients", {"updated_after": later})
    assert response.status_code == 200
    assert "Alpha Cafe" in [c["name"] for c in response.json()["results"]]
    response = team_api.get("/api/clients", {"updated_after": "2999-01-01T00:00:00Z"})
    assert response.json()["count"] == 0


def test_page_size_is_capped_at_200(team_api):
    response = team_api.get("/api/clients?page_size=5000")
    assert response.status_code == 200
    assert set(response.json()) == {"count", "next", "previous", "results"}


def test_public_form_is_throttled_per_address_with_retry_after(db, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**SimpleRateThrottle.THROTTLE_RATES, "form_submission": "2/hour"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    api = APIClient(REMOTE_ADDR=fresh_ip())
    body = {"contact_name": "Pat", "email": "pat@example.com", "business_name": "Pies"}
    assert api.post("/api/form-submissions", body, format="json").status_code == 201
    assert api.post("/api/form-submissions", body, format="json").status_code == 201
    third = api.post("/api/form-submissions", body, format="json")
    assert third.status_code == 429
    assert int(third["Retry-After"]) > 0
    assert third.json()["error"]["code"] == "throttled"
    other = APIClient(REMOTE_ADDR=fresh_ip())
    assert other.post("/api/form-submissions", body, format="json").status_code == 201
    assert FormSubmission.objects.count() == 3


def test_public_form_answers_a_receipt_and_reveals_nothing(db):
    response = APIClient(REMOTE_ADDR=fresh_ip()).post(
        "/api/form-submissions",
        {"contact_name": "Pat", "email": "pat@example.com", "business_name": "Pies"},
        format="json",
    )
    assert response.status_code == 201
    stored = FormSubmission.objects.get()
    assert stored.business_name == "Pies"
    assert response.json() == {
        "id": str(stored.pk),
        "status": "received",
        "message": "Thank you, we will be in touch soon.",
    }
    assert response["Location"] == f"/api/form-submissions/{stored.pk}"


def test_filled_honeypot_looks_successful_but_stores_nothing(db):
    response = APIClient(REMOTE_ADDR=fresh_ip()).post(
        "/api/form-submissions",
        {
            "contact_name": "Bot",
            "email": "bot@example.com",
            "business_name": "Spam",
            "fax": "123",
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "received"
    assert not FormSubmission.objects.exists()


def test_public_cannot_read_submissions(db):
    assert APIClient(REMOTE_ADDR=fresh_ip()).get("/api/form-submissions").status_code == 401


def test_reviewing_a_deliverable_not_in_needs_review_is_a_conflict(client_a_user, client_a):
    deliverable = make_deliverable(client_a, status="In Progress")
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(client_a_user)
    response = api.post(
        f"/api/deliverables/{deliverable.pk}/review", {"decision": "Approved"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    deliverable.refresh_from_db()
    assert deliverable.status == "In Progress"
    assert not deliverable.reviews.exists()


def test_other_clients_deliverable_stays_404_for_review_whatever_its_status(
    client_a_user, client_b
):
    for status in ("In Progress", "Needs Review"):
        deliverable = make_deliverable(client_b, status=status)
        api = APIClient(REMOTE_ADDR=fresh_ip())
        api.force_authenticate(client_a_user)
        response = api.post(
            f"/api/deliverables/{deliverable.pk}/review", {"decision": "Approved"}, format="json"
        )
        assert response.status_code == 404
