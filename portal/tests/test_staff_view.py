"""Staff "view as client": sees the client's portal, every write hidden and refused."""

import pytest

from deliverables.models import DeliverableReview, DeliverableStatus
from deliverables.tests.factories import make_deliverable
from portal.models import ClientPortalRequest, PortalRequestReply
from portal.tests.factories import make_portal_request


@pytest.fixture
def staff_acme(client, staff_user, client_a):
    client.force_login(staff_user)
    return client


def test_staff_sees_clients_portal_read_only(staff_acme, client_a):
    make_deliverable(client_a, title="Acme reel", status=DeliverableStatus.NEEDS_REVIEW)
    for path in ("", "deliverables/", "shoots/", "requests/", "account/"):
        page = staff_acme.get(f"/portal/acme/{path}")
        assert page.status_code == 200, path
        assert b"read only" in page.content, path
        assert b"Acme Bakery" in page.content
    assert b"Acme reel" in staff_acme.get("/portal/acme/deliverables/").content
    requests_page = staff_acme.get("/portal/acme/requests/")
    assert b"New request or insight" not in requests_page.content
    account_page = staff_acme.get("/portal/acme/account/")
    assert b"Change password" not in account_page.content
    assert b"Save contact details" not in account_page.content


def test_admin_sees_portal_read_only_too(client, admin_user, client_a):
    client.force_login(admin_user)
    page = client.get("/portal/acme/")
    assert page.status_code == 200
    assert b"read only" in page.content


def test_staff_writes_are_refused_server_side(staff_acme, client_a):
    deliverable = make_deliverable(client_a, status=DeliverableStatus.NEEDS_REVIEW)
    page = staff_acme.get(f"/portal/acme/deliverables/{deliverable.pk}/")
    assert page.status_code == 200
    assert b"Request changes" not in page.content
    review = staff_acme.post(
        f"/portal/acme/deliverables/{deliverable.pk}/review/", {"decision": "Approved"}
    )
    assert review.status_code == 403
    create = staff_acme.post(
        "/portal/acme/requests/",
        {"request_type": "Request", "topic": "General", "priority": "Normal", "content": "x"},
    )
    assert create.status_code == 403
    request = make_portal_request(client_a)
    reply = staff_acme.post(f"/portal/acme/requests/{request.pk}/", {"body": "x"})
    assert reply.status_code == 403
    contact = staff_acme.post(
        "/portal/acme/account/",
        {"action": "contact", "primary_contact_name": "Hacked", "email": "", "phone": ""},
    )
    assert contact.status_code == 403
    deliverable.refresh_from_db()
    client_a.refresh_from_db()
    assert deliverable.status == DeliverableStatus.NEEDS_REVIEW
    assert not DeliverableReview.objects.exists()
    assert ClientPortalRequest.objects.count() == 1
    assert not PortalRequestReply.objects.exists()
    assert client_a.primary_contact_name != "Hacked"
