"""The single error body, versioning headers, body limits, content types, trailing slashes."""

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from deliverables.tests.factories import make_deliverable
from localbzz.testing import fresh_ip

ERROR_KEYS = {"code", "message", "details", "request_id"}


@pytest.fixture
def admin_api(admin_user):
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(admin_user)
    return api


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body["error"]) == ERROR_KEYS
    assert body["error"]["code"] == code
    assert body["error"]["request_id"] == response["X-Request-ID"]
    return body["error"]


def test_unknown_api_path_answers_404_in_the_error_body(admin_api):
    error = assert_error(admin_api.get("/api/no-such-thing"), 404, "not_found")
    assert "/api/no-such-thing" in error["message"]


def test_unknown_api_path_answers_json_404_to_anonymous_too():
    response = APIClient(REMOTE_ADDR=fresh_ip()).post("/api/nothing/here/", {}, format="json")
    assert_error(response, 404, "not_found")


def test_missing_object_answers_404_in_the_error_body(admin_api):
    response = admin_api.get("/api/clients/00000000-0000-0000-0000-000000000000")
    assert_error(response, 404, "not_found")


def test_wrong_method_answers_405_in_the_error_body(admin_api):
    assert_error(admin_api.delete("/api/form-submissions"), 405, "method_not_allowed")


def test_request_id_from_the_client_is_echoed_in_body_and_header(admin_api):
    response = admin_api.get("/api/nope", HTTP_X_REQUEST_ID="trace-abc-123")
    assert response["X-Request-ID"] == "trace-abc-123"
    assert response.json()["error"]["request_id"] == "trace-abc-123"


def test_unexpected_exception_answers_500_in_the_error_body(admin_api, monkeypatch):
    from clients.api.views import ClientViewSet

    def boom(self, request, *args, **kwargs):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(ClientViewSet, "list", boom)
    response = admin_api.get("/api/clients")
    error = assert_error(response, 500, "server_error")
    assert "kaboom" not in error["message"]


def test_every_api_response_carries_the_api_version(admin_api):
    assert admin_api.get("/api/clients")["API-Version"] == "1"
    assert admin_api.get("/api/nope")["API-Version"] == "1"
    assert APIClient(REMOTE_ADDR=fresh_ip()).get("/api/clients")["API-Version"] == "1"


def test_asking_for_version_1_in_accept_works(admin_api):
    response = admin_api.get("/api/clients", HTTP_ACCEPT="application/json; version=1")
    assert response.status_code == 200
    assert response["API-Version"] == "1"


def test_unknown_version_answers_406_in_the_error_body(admin_api):
    response = admin_api.get("/api/clients", HTTP_ACCEPT="application/json; version=7")
    assert_error(response, 406, "not_acceptable")


def test_deprecated_alias_announces_deprecation_and_sunset(admin_api):
    response = admin_api.get("/api/auth/user")
    assert response.status_code == 200
    assert response["Deprecation"].startswith("@")
    assert response["Sunset"].endswith("GMT")
    assert "/api/auth/me" in response["Link"]
    assert "Deprecation" not in admin_api.get("/api/auth/me")


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_oversize_body_answers_413_and_writes_nothing(admin_api):
    from clients.models import Client

    response = admin_api.post(
        "/api/clients",
        {"name": "x" * 2000, "client_portal_subdomain": "big"},
        format="json",
    )
    assert_error(response, 413, "payload_too_large")
    assert not Client.objects.filter(client_portal_subdomain="big").exists()


def test_wrong_content_type_answers_415(admin_api):
    response = admin_api.post(
        "/api/clients", data="name=x", content_type="text/plain; charset=utf-8"
    )
    assert_error(response, 415, "unsupported_media_type")


def test_malformed_json_answers_400(admin_api):
    response = admin_api.post("/api/clients", data="{not json", content_type="application/json")
    assert_error(response, 400, "invalid")


@pytest.mark.parametrize(
    "path",
    ["/api/clients", "/api/clients/", "/api/deliverables", "/api/deliverables/"],
)
def test_list_paths_answer_with_and_without_trailing_slash_without_redirect(admin_api, path):
    response = admin_api.get(path)
    assert response.status_code == 200


def test_detail_and_nested_paths_answer_with_and_without_trailing_slash(admin_api, client_a):
    deliverable = make_deliverable(client_a)
    for path in (
        f"/api/deliverables/{deliverable.pk}",
        f"/api/deliverables/{deliverable.pk}/",
        f"/api/clients/{client_a.pk}/deliverables",
        f"/api/clients/{client_a.pk}/deliverables/",
        "/api/client-portal/acme/deliverables",
        "/api/client-portal/acme/deliverables/",
    ):
        assert admin_api.get(path).status_code == 200, path


def test_post_without_trailing_slash_is_not_redirected(admin_api):
    response = admin_api.post(
        "/api/clients", {"name": "Slashless", "client_portal_subdomain": "slashless"}, format="json"
    )
    assert response.status_code == 201
    response = admin_api.post(
        "/api/clients/", {"name": "Slashed", "client_portal_subdomain": "slashed"}, format="json"
    )
    assert response.status_code == 201


def test_unknown_client_portal_subdomain_answers_404(admin_api):
    assert_error(admin_api.get("/api/client-portal/nowhere/requests"), 404, "not_found")


def test_client_user_gets_404_for_other_clients_portal(client_a_user, client_b):
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(client_a_user)
    assert_error(api.get("/api/client-portal/bravo/deliverables"), 404, "not_found")
    assert api.get("/api/client-portal/acme/deliverables").status_code == 200


def test_docs_pages_are_served_without_any_cdn():
    api = APIClient(REMOTE_ADDR=fresh_ip())
    for path in ("/api/docs/", "/api/redoc/"):
        response = api.get(path)
        assert response.status_code == 200
        html = response.content.decode()
        assert "cdn." not in html
        assert "unpkg" not in html
        assert "jsdelivr" not in html
        assert "/static/drf_spectacular_sidecar/" in html


def test_schema_is_openapi_3_with_jwt_bearer_and_error_responses():
    response = APIClient(REMOTE_ADDR=fresh_ip()).get(
        "/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    assert "/api/clients" in schema["paths"]
    assert "/api/clients/" not in schema["paths"]
    get = schema["paths"]["/api/clients/{id}"]["get"]
    assert get["responses"]["404"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert schema["components"]["schemas"]["DeliverableStatusEnum"]["enum"] == [
        "To Do",
        "In Progress",
        "Needs Review",
        "Ready-To-Post",
        "Delivered",
    ]


def test_schema_generates_without_warnings_and_validates(tmp_path):
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    assert "jwtAuth" in text
    assert "Acme Bakery" in text  # examples are documented


def test_signed_in_user_is_throttled_per_user_with_retry_after(team_user, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**SimpleRateThrottle.THROTTLE_RATES, "user": "3/minute"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(team_user)
    assert [api.get("/api/clients").status_code for _ in range(3)] == [200, 200, 200]
    throttled = api.get("/api/clients")
    error = assert_error(throttled, 429, "throttled")
    assert 1 <= int(throttled["Retry-After"]) <= 60
    assert error["details"]["retry_after"] == int(throttled["Retry-After"])
