"""Input that broke pages (issue 9, items 6, 7, 9, 10, 12): every answer a 4xx body, never a 500."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from forms.models import FormSubmission
from forms.tests.factories import make_form_submission
from localbzz.api.errors import csrf_failure
from localbzz.events.models import Event
from localbzz.testing import fresh_ip
from localbzz.validators import JSONValidator
from shoots.models import Shoot
from shoots.tests.factories import make_shoot

from .test_api_errors import assert_error

FORM = {"contact_name": "Pat", "email": "pat@example.com", "business_name": "Pies"}


def _api(user=None):
    api = APIClient(REMOTE_ADDR=fresh_ip())
    if user is not None:
        api.force_authenticate(user)
    return api


def _post_raw(api, path, body: bytes):
    return api.generic("POST", path, body, content_type="application/json")


# --- item 6: JSON values are checked before they are stored --------------------------------


def test_lone_surrogate_key_is_a_400_and_nothing_is_stored(db):
    body = b'{"contact_name": "Pat", "email": "pat@example.com", "business_name": "Pies", '
    body += b'"social_handles": {"k\\udc00": 1}}'
    response = _post_raw(_api(), "/api/form-submissions", body)
    assert_error(response, 400, "invalid")
    assert not FormSubmission.objects.exists()


@pytest.mark.parametrize(
    "handles",
    [
        {"k\x00": "x"},  # NUL: PostgreSQL's jsonb refuses it at insert (a 500)
        {"x" * 101: "y"},  # key too long
        {"ok": "y" * 201},  # value too long
        {f"k{i}": "v" for i in range(21)},  # too many keys
    ],
    ids=["nul-key", "long-key", "long-value", "many-keys"],
)
def test_bad_json_field_values_are_a_400_and_nothing_is_stored(db, handles):
    response = _api().post("/api/form-submissions", {**FORM, "social_handles": handles})
    error = assert_error(response, 400, "invalid")
    assert "social_handles" in error["details"]
    assert not FormSubmission.objects.exists()


def test_services_wanted_refuses_nested_values(db, admin_user):
    response = _api(admin_user).post(
        "/api/form-submissions", {**FORM, "services_wanted": ["Reels", ["deep"]]}
    )
    assert_error(response, 400, "invalid")
    assert not FormSubmission.objects.exists()


@pytest.mark.parametrize(
    "value",
    [
        {"k\udc00": 1},
        {"k": "v\x00"},
        {"a": {"b": {"c": 1}}},
        [1] * 51,
        {"n": 2**60},
        {"f": float("inf")},
    ],
    ids=["surrogate", "nul", "deep", "many", "big-int", "inf"],
)
def test_json_validator_refuses_what_cannot_be_stored_or_rendered(value):
    with pytest.raises(ValidationError):
        JSONValidator(max_depth=2)(value)


def test_json_validator_accepts_ordinary_values():
    JSONValidator(max_depth=2)({"instagram": "@acme", "ünïcode ✓": "<b>ok</b>", "n": [1, 2.5]})


HOSTILE = {
    "<script>alert(1)</script>": "\"'><img src=x onerror=alert(1)>",
    "ünïcödé 🙂": "\u202e reversed",
    "k" * 100: "v" * 200,
}


def test_pages_stay_up_with_hostile_but_valid_json(admin_user, client):
    response = _api().post(
        "/api/form-submissions", {**FORM, "social_handles": HOSTILE}, format="json"
    )
    assert response.status_code == 201
    submission = FormSubmission.objects.get()
    assert submission.social_handles == HOSTILE
    client.force_login(admin_user)
    for url in (
        "/submissions/",
        f"/submissions/{submission.pk}/",
        f"/admin/forms/formsubmission/{submission.pk}/change/",
        "/admin/forms/formsubmission/",
    ):
        assert client.get(url).status_code == 200, url
    api = _api(admin_user)
    assert api.get("/api/events").status_code == 200
    assert api.get("/api/form-submissions").status_code == 200
    assert api.get(f"/api/form-submissions/{submission.pk}").status_code == 200


def test_admin_refuses_a_lone_surrogate_in_a_json_field(admin_user, client):
    client.force_login(admin_user)
    response = client.post(
        "/admin/forms/formsubmission/add/",
        {
            **FORM,
            "social_handles": '{"k\\udc00": "x"}',
            "services_wanted": "[]",
            "message": "",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert not FormSubmission.objects.exists()


# --- item 7: inputs that raised inside the server ------------------------------------------


@pytest.mark.parametrize(
    "path", ["/api/form-submissions", "/api/auth/token", "/api/clients", "/api/nope"]
)
def test_deeply_nested_json_is_a_400_anonymous_too(db, path):
    body = b"[" * 100_000 + b"]" * 100_000
    response = _post_raw(_api(), path, body)
    assert response.status_code in {400, 401, 404}, response.content
    assert set(response.json()["error"]) == {"code", "message", "details", "request_id"}
    if path in {"/api/form-submissions", "/api/auth/token"}:
        assert_error(response, 400, "invalid")


@pytest.mark.parametrize("path", ["/api/clients", "/api/notifications/preferences"])
def test_deeply_nested_json_is_a_400_for_a_signed_in_user(admin_user, path):
    body = b'{"name": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    assert_error(_post_raw(_api(admin_user), path, body), 400, "invalid")


def test_every_api_view_parses_json_with_the_strict_parser():
    from django.urls import get_resolver
    from rest_framework.parsers import JSONParser

    from localbzz.api.parsers import ORJSONParser

    def views(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from views(pattern.url_patterns)
            else:
                yield getattr(pattern.callback, "cls", None)

    lenient = {
        view.__name__
        for view in views(get_resolver().url_patterns)
        if view is not None
        for parser in getattr(view, "parser_classes", ())
        if issubclass(parser, JSONParser) and not issubclass(parser, ORJSONParser)
    }
    assert lenient == set()


@pytest.mark.parametrize(
    "start", ["9999-12-31T23:00Z", "9999-12-31T23:59:59+00:00", "9999-12-31T22:00:00-05:00"]
)
def test_a_shoot_ending_after_year_9999_is_a_400(admin_user, client_a, start):
    response = _api(admin_user).post(
        "/api/shoots", {"client_id": str(client_a.pk), "shoot_start": start}
    )
    error = assert_error(response, 400, "invalid")
    assert "shoot_start" in error["details"]
    assert not Shoot.objects.exists()


def test_moving_a_shoot_to_year_9999_is_a_400(admin_user, client_a):
    shoot = make_shoot(client_a)
    response = _api(admin_user).patch(
        f"/api/shoots/{shoot.pk}", {"shoot_start": "9999-12-31T23:00Z"}
    )
    assert_error(response, 400, "invalid")


@pytest.mark.parametrize(
    "path", ["/api/clients", "/api/deliverables", "/api/shoots", "/api/tasks", "/api/events"]
)
def test_a_huge_page_number_is_a_400(admin_user, client_a, path):
    error = assert_error(_api(admin_user).get(path, {"page": 10**20}), 400, "invalid")
    assert "page" in error["details"]


@pytest.mark.parametrize("path", ["/clients/", "/deliverables/", "/shoots/", "/tasks/"])
def test_dashboard_lists_answer_a_huge_page_number(admin_user, client, path):
    client.force_login(admin_user)
    assert client.get(path, {"page": 10**20}).status_code == 200


# --- item 9: every /api/ answer is JSON -----------------------------------------------------


def test_unknown_api_path_post_with_csrf_checks_is_a_json_404(admin_user):
    browser = Client(enforce_csrf_checks=True, REMOTE_ADDR=fresh_ip())
    browser.force_login(admin_user)
    for api in (APIClient(enforce_csrf_checks=True, REMOTE_ADDR=fresh_ip()), browser):
        response = api.post("/api/no/such/path", {}, content_type="application/json")
        assert_error(response, 404, "not_found")


def test_a_csrf_failure_under_api_is_the_json_error_body():
    request = RequestFactory().post("/api/clients")
    request.request_id = "r1"
    response = csrf_failure(request, reason="CSRF cookie not set.")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    page = csrf_failure(RequestFactory().post("/clients/new/"), reason="x")
    assert page.status_code == 403
    assert "text/html" in page["Content-Type"]


def test_a_bad_host_under_api_answers_json(db):
    response = Client(HTTP_HOST="evil.example").get("/api/clients")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


# --- item 10: the public form's answer ------------------------------------------------------


def test_staff_creating_a_submission_get_the_object_and_its_location(admin_user):
    response = _api(admin_user).post("/api/form-submissions", FORM)
    assert response.status_code == 201
    submission = FormSubmission.objects.get()
    body = response.json()
    assert body["id"] == str(submission.pk)
    assert body["approval_status"] == "Pending"
    assert body == _api(admin_user).get(f"/api/form-submissions/{submission.pk}").json()
    assert response["Location"] == f"/api/form-submissions/{submission.pk}"


def test_a_honeypot_hit_gets_a_random_id_and_nothing_is_stored(db):
    response = _api().post("/api/form-submissions", {**FORM, "fax": "555"})
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "status", "message"}
    assert response["Location"].endswith(body["id"])
    assert not FormSubmission.objects.exists()
    second = _api().post("/api/form-submissions", {**FORM, "fax": "555"}).json()
    assert second["id"] != body["id"]


# --- item 12: crew notes are internal -------------------------------------------------------


def test_client_users_never_see_shoot_notes_in_the_api(client_a, client_a_user, admin_user):
    shoot = make_shoot(client_a, notes="Parking behind the bakery; owner is difficult.")
    mine = _api(client_a_user)
    assert "notes" not in mine.get(f"/api/shoots/{shoot.pk}").json()
    assert all("notes" not in row for row in mine.get("/api/shoots").json()["results"])
    nested = mine.get(f"/api/clients/{client_a.pk}/shoots").json()["results"]
    assert nested
    assert all("notes" not in row for row in nested)
    staff = _api(admin_user).get(f"/api/shoots/{shoot.pk}").json()
    assert staff["notes"] == "Parking behind the bakery; owner is difficult."


def test_client_visible_shoot_events_carry_no_notes(client_a, client_a_user, admin_user):
    api = _api(admin_user)
    created = api.post(
        "/api/shoots",
        {"client_id": str(client_a.pk), "shoot_start": "2030-01-01T10:00Z", "notes": "secret"},
    )
    assert created.status_code == 201, created.content
    shoot_id = created.json()["id"]
    assert api.patch(f"/api/shoots/{shoot_id}", {"notes": "still secret"}).status_code == 200
    events = Event.objects.filter(object_id=shoot_id)
    assert {e.type for e in events} >= {"shoot.created", "shoot.updated"}
    for event in events:
        assert event.client_visible
        assert "notes" not in event.envelope()["data"]["object"]
        assert "notes" not in event.envelope()["data"]["changes"]
    # what the client's users receive: /api/events (and the same envelope on /ws/live/)
    listed = _api(client_a_user).get("/api/events").json()["results"]
    assert {e["id"] for e in listed} >= {str(e.pk) for e in events}
    assert "secret" not in str(listed)


def test_client_notes_stay_out_of_the_client_users_view(client_a, client_a_user):
    client_a.notes = "Pays late."
    client_a.save()
    assert "notes" not in _api(client_a_user).get(f"/api/clients/{client_a.pk}").json()


def test_submission_factories_still_store_plain_values(db):
    submission = make_form_submission(social_handles={"instagram": "@pies"})
    submission.full_clean()
