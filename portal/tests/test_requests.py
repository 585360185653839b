"""Requests and insights: create, follow status, reply in the thread."""

from localbzz.accounts.models import Role
from localbzz.accounts.tests.factories import make_user
from localbzz.events.models import Event
from portal.models import ClientPortalRequest, PortalRequestReply
from portal.tests.factories import make_portal_request


def test_client_creates_insight_with_topic_and_priority(acme, client_a, client_a_user):
    response = acme.post(
        "/requests/",
        {
            "request_type": "Insight",
            "topic": "Business Update",
            "priority": "Urgent",
            "content": "We open a second shop in May",
        },
    )
    created = ClientPortalRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/requests/{created.pk}/"
    assert (created.client, created.created_by) == (client_a, client_a_user)
    assert (created.request_type, created.topic, created.priority, created.status) == (
        "Insight",
        "Business Update",
        "Urgent",
        "New",
    )
    assert Event.objects.filter(type="portal_request.created", object_id=str(created.pk)).exists()


def test_invalid_request_is_refused_and_input_kept(acme):
    response = acme.post(
        "/requests/",
        {"request_type": "Complaint", "topic": "Content", "priority": "Normal", "content": "Hi"},
    )
    assert response.status_code == 400
    assert not ClientPortalRequest.objects.exists()
    assert b"Hi</textarea>" in response.content


def test_request_list_shows_status(acme, client_a):
    make_portal_request(client_a, content="Post our menu", status="Working")
    page = acme.get("/requests/")
    assert b"Post our menu" in page.content
    assert b"Working" in page.content


def test_client_reads_staff_reply_and_replies_in_thread(acme, client_a, client_a_user):
    request = make_portal_request(client_a, content="New logo on reels?")
    staff = make_user(Role.TEAM, full_name="Sam Editor")
    PortalRequestReply.objects.create(request=request, author=staff, body="Sure, send it over")
    page = acme.get(f"/requests/{request.pk}/")
    assert page.status_code == 200
    assert b"Sure, send it over" in page.content
    assert b"LocalBzz" in page.content
    response = acme.post(f"/requests/{request.pk}/", {"body": "Attached, thanks!"})
    assert response.status_code == 302
    reply = PortalRequestReply.objects.get(author=client_a_user)
    assert reply.body == "Attached, thanks!"
    assert Event.objects.filter(type="portal_request.replied", object_id=str(request.pk)).exists()
    assert b"Attached, thanks!" in acme.get(f"/requests/{request.pk}/").content


def test_empty_reply_is_refused(acme, client_a):
    request = make_portal_request(client_a)
    response = acme.post(f"/requests/{request.pk}/", {"body": "   "})
    assert response.status_code == 400
    assert not PortalRequestReply.objects.exists()
