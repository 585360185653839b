"""Clients A and B: nothing of B is reachable by A's user through any portal page or API."""

import pytest

from deliverables.models import DeliverableReview, DeliverableStatus
from deliverables.tests.factories import make_deliverable
from portal.models import ClientPortalRequest, PortalRequestReply
from portal.tests.factories import make_portal_request
from shoots.tests.factories import make_shoot


@pytest.fixture
def b_rows(client_b):
    return {
        "deliverable": make_deliverable(
            client_b, title="BRAVO-SECRET-REEL", status=DeliverableStatus.NEEDS_REVIEW
        ),
        "request": make_portal_request(client_b, content="BRAVO-SECRET-REQUEST"),
        "shoot": make_shoot(client_b, title="BRAVO-SECRET-SHOOT"),
    }


def test_a_pages_never_list_b_rows(acme, b_rows, client_a):
    make_deliverable(client_a, title="Acme reel")
    for path in ("/", "/deliverables/", "/shoots/", "/requests/", "/account/"):
        page = acme.get(path)
        assert page.status_code == 200, path
        assert b"BRAVO-SECRET" not in page.content, path
        assert b"Bravo" not in page.content, path


def test_client_user_gets_404_for_other_clients_deliverable(acme, b_rows):
    assert acme.get(f"/deliverables/{b_rows['deliverable'].pk}/").status_code == 404


def test_client_user_gets_404_reviewing_other_clients_deliverable(acme, b_rows):
    deliverable = b_rows["deliverable"]
    response = acme.post(f"/deliverables/{deliverable.pk}/review/", {"decision": "Approved"})
    assert response.status_code == 404
    deliverable.refresh_from_db()
    assert deliverable.status == DeliverableStatus.NEEDS_REVIEW
    assert not DeliverableReview.objects.exists()


def test_client_user_gets_404_for_other_clients_request_thread(acme, b_rows):
    request = b_rows["request"]
    assert acme.get(f"/requests/{request.pk}/").status_code == 404
    assert acme.post(f"/requests/{request.pk}/", {"body": "hi"}).status_code == 404
    assert not PortalRequestReply.objects.exists()


def test_path_form_of_own_portal_also_hides_b_rows(client, client_a_user, b_rows):
    client.force_login(client_a_user)
    assert client.get(f"/portal/acme/deliverables/{b_rows['deliverable'].pk}/").status_code == 404
    assert client.get(f"/portal/acme/requests/{b_rows['request'].pk}/").status_code == 404


def test_client_user_on_other_clients_subdomain_is_asked_to_sign_in(client, client_a_user, b_rows):
    client.force_login(client_a_user)
    for path in ("/", "/deliverables/", f"/deliverables/{b_rows['deliverable'].pk}/", "/requests/"):
        response = client.get(path, HTTP_HOST="bravo.localhost")
        assert response.status_code == 302, path
        assert response["Location"].startswith("/sign-in/?next="), path
    page = client.get("/sign-in/", HTTP_HOST="bravo.localhost")
    assert page.status_code == 200
    assert b"Sign in to Bravo Barbers" in page.content
    assert b"owner@acme.test" not in page.content


def test_client_user_on_other_clients_path_form_is_asked_to_sign_in(client, client_a_user, b_rows):
    client.force_login(client_a_user)
    response = client.get("/portal/bravo/requests/")
    assert response.status_code == 302
    assert response["Location"].startswith("/portal/bravo/sign-in/")


def test_client_user_cannot_write_on_other_clients_portal(client, client_a_user, b_rows):
    client.force_login(client_a_user)
    deliverable = b_rows["deliverable"]
    client.post(
        f"/deliverables/{deliverable.pk}/review/",
        {"decision": "Approved"},
        HTTP_HOST="bravo.localhost",
    )
    client.post(
        "/requests/",
        {"request_type": "Request", "topic": "General", "priority": "Normal", "content": "x"},
        HTTP_HOST="bravo.localhost",
    )
    client.post(f"/requests/{b_rows['request'].pk}/", {"body": "x"}, HTTP_HOST="bravo.localhost")
    deliverable.refresh_from_db()
    assert deliverable.status == DeliverableStatus.NEEDS_REVIEW
    assert ClientPortalRequest.objects.count() == 1
    assert not PortalRequestReply.objects.exists()


def test_client_user_cannot_sign_in_on_other_clients_portal(
    client, client_a_user, client_b, password
):
    response = client.post(
        "/sign-in/",
        {"username": client_a_user.email, "password": password},
        HTTP_HOST="bravo.localhost",
    )
    assert response.status_code == 400
    assert b"do not match an account of this portal" in response.content
    assert "_auth_user_id" not in client.session


def test_client_user_cannot_invite(client, client_a, client_a_user):
    client.force_login(client_a_user)
    response = client.post(f"/clients/{client_a.pk}/invite/", {"email": "x@example.com"})
    assert response.status_code == 404


def test_client_portal_api_of_other_client_answers_404(client, client_a_user, client_b, b_rows):
    """/api/client-portal/bravo/... with A's JWT: 404, nothing of B, nothing written."""
    from rest_framework_simplejwt.tokens import RefreshToken

    token = str(RefreshToken.for_user(client_a_user).access_token)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    for suffix in ("requests", "deliverables"):
        for sub in ("bravo", "BRAVO"):
            response = client.get(f"/api/client-portal/{sub}/{suffix}", **auth)
            assert response.status_code == 404, (sub, suffix)
            assert b"BRAVO-SECRET" not in response.content
    own = client.get("/api/client-portal/acme/requests", **auth)
    assert own.status_code == 200
    assert b"BRAVO-SECRET" not in own.content
    body = {"content": "sneaky", "request_type": "Request", "topic": "General"}
    post = client.post(
        "/api/client-portal/bravo/requests", body, content_type="application/json", **auth
    )
    assert post.status_code == 404
    assert not ClientPortalRequest.objects.filter(content="sneaky").exists()
    # Writing deliverables is refused the same way for B's and for an unknown portal.
    bravo = client.post("/api/client-portal/bravo/deliverables", {}, **auth).status_code
    unknown = client.post("/api/client-portal/no-such-portal/deliverables", {}, **auth).status_code
    assert bravo == unknown
    assert bravo in (403, 404, 405)
