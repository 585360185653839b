"""The portal's privacy page: a client user sees what is held about them, downloads it
(audited) and asks for erasure (a portal request the agency acts on)."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from localbzz.audit.models import AuditEntry
from portal.models import ClientPortalRequest, PortalRequestReply, RequestPriority
from portal.tests.conftest import host
from portal.tests.factories import make_portal_request


def _write_requests(client, user, n):
    for _ in range(n):
        request = make_portal_request(client, created_by=user)
        PortalRequestReply.objects.create(request=request, author=user, body="hello")


def test_the_page_lists_what_is_held_in_a_constant_number_of_queries(acme, client_a, client_a_user):
    _write_requests(client_a, client_a_user, 1)
    with CaptureQueriesContext(connection) as few:
        page = acme.get("/privacy/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Your sign-in account" in html
    assert "Download my data" in html
    _write_requests(client_a, client_a_user, 5)
    with CaptureQueriesContext(connection) as many:
        assert acme.get("/privacy/").status_code == 200
    assert len(many) == len(few)


def test_the_download_is_the_persons_bundle_and_is_audited(acme, client_a, client_a_user):
    _write_requests(client_a, client_a_user, 2)
    response = acme.post("/privacy/", {"action": "download"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    bundle = json.loads(response.content)
    assert bundle["email"] == client_a_user.email
    assert len(bundle["data"]["portal.clientportalrequest"]) == 2
    assert len(bundle["data"]["portal.portalrequestreply"]) == 2
    entry = AuditEntry.objects.get(action="privacy.exported")
    assert entry.actor_id == str(client_a_user.pk)
    assert entry.surface == "portal"
    assert entry.detail["self"] is True


def test_an_erasure_request_needs_the_box_ticked_and_reaches_the_agency(acme, client_a_user):
    refused = acme.post("/privacy/", {"action": "erase"})
    assert refused.status_code == 400
    assert not ClientPortalRequest.objects.exists()
    sent = acme.post("/privacy/", {"action": "erase", "confirm": "yes"})
    request = ClientPortalRequest.objects.get()
    assert sent.status_code == 302
    assert sent["Location"] == f"/requests/{request.pk}/"
    assert request.created_by == client_a_user
    assert request.priority == RequestPriority.URGENT
    assert "Erasure request" in request.content
    assert AuditEntry.objects.filter(action="privacy.erasure_requested").count() == 1
    assert client_a_user.is_active  # nothing is erased until staff act on it


def test_staff_see_an_explanation_and_may_not_act_for_the_client(client, staff_user, client_a):
    client.force_login(staff_user)
    client.defaults["HTTP_HOST"] = host("acme")
    page = client.get("/privacy/")
    assert page.status_code == 200
    assert "Download my data" not in page.content.decode()
    assert client.post("/privacy/", {"action": "download"}).status_code == 403
    assert not AuditEntry.objects.filter(action="privacy.exported").exists()


def test_other_clients_users_and_visitors_are_sent_to_sign_in(client, client_b_user, client_a):
    client.defaults["HTTP_HOST"] = host("acme")
    assert client.get("/privacy/")["Location"].startswith("/sign-in/")
    client.force_login(client_b_user)
    response = client.post("/privacy/", {"action": "download"})
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
