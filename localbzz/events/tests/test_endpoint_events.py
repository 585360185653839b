"""Webhook endpoints leave an audit trail: create, update, rotate, disable and delete each
emit an event (never the secret, nor the URL's path), which no endpoint receives."""

import json

import pytest
from django.test import TestCase

from localbzz.events import services
from localbzz.events.models import Event, WebhookDelivery
from localbzz.events.types import event_types, is_client_visible, validate_event_types

pytestmark = pytest.mark.django_db
committed = TestCase.captureOnCommitCallbacks


def _events(pk):
    return list(Event.objects.filter(object_id=str(pk)).order_by("occurred_at", "id"))


def test_every_endpoint_change_is_an_event_without_the_secret(admin_user):
    endpoint = services.webhook_endpoint_create(
        actor=admin_user,
        url="https://hooks.example/in/T0K3N-in-path?key=s3cret",
        event_types=["client.status_changed"],
        description="CRM",
    )
    old_secret = endpoint.secret
    services.webhook_endpoint_update(endpoint=endpoint, actor=admin_user, description="CRM v2")
    services.webhook_endpoint_update(endpoint=endpoint, actor=admin_user, description="CRM v2")
    new_secret = services.webhook_endpoint_rotate_secret(endpoint=endpoint, actor=admin_user)
    pk = endpoint.pk
    services.webhook_endpoint_delete(endpoint=endpoint, actor=admin_user)
    events = _events(pk)
    assert [e.type for e in events] == [
        "webhook_endpoint.created",
        "webhook_endpoint.updated",  # the second update changed nothing: no event
        "webhook_endpoint.secret_rotated",
        "webhook_endpoint.deleted",
    ]
    assert {e.actor for e in events} == {admin_user}
    assert events[1].data["changes"] == {"description": {"from": "CRM", "to": "CRM v2"}}
    assert events[0].data["object"]["url"] == "https://hooks.example"
    text = json.dumps([e.data for e in events])
    for secret in (old_secret, new_secret, "whsec_", "T0K3N", "s3cret"):
        assert secret not in text


def test_endpoint_events_are_not_delivered_nor_offered_to_endpoints(admin_user, receiver):
    listener = services.webhook_endpoint_create(
        actor=admin_user, url=receiver.url, event_types=["*"]
    )
    with committed(execute=True):
        services.webhook_endpoint_create(
            actor=admin_user, url="https://hooks.example/b", event_types=["*"]
        )
    assert not WebhookDelivery.objects.filter(endpoint=listener).exists()
    assert receiver.requests == []
    assert not [t for t in event_types() if t.startswith("webhook_endpoint.")]
    with pytest.raises(Exception, match="Unknown event types"):
        validate_event_types(["webhook_endpoint.created"])


def test_disabling_a_failing_endpoint_is_an_event_that_tells_the_admins(
    admin_user, receiver, settings
):
    from clients.models import ClientStatus
    from clients.services import client_set_status
    from clients.tests.factories import make_client
    from localbzz.events.models import Notification

    endpoint = services.webhook_endpoint_create(
        actor=None, url=receiver.url, event_types=["client.status_changed"]
    )
    receiver.fail_times, receiver.fail_status = 1, 410
    with committed(execute=True):
        client_set_status(client=make_client(status=ClientStatus.PITCHING), status="Active")
    (event,) = Event.objects.filter(type="webhook_endpoint.disabled")
    assert event.actor is None
    assert event.data["changes"] == {"is_active": {"from": True, "to": False}}
    note = Notification.objects.get(user=admin_user)
    assert note.event == event
    assert note.url == f"/events/webhooks/{endpoint.pk}/"


ENTITY_TYPES = (
    "client.created",
    "client.updated",
    "client.status_changed",
    "client.deleted",
    "team_member.created",
    "team_member.updated",
    "team_member.deleted",
    "shoot.created",
    "shoot.updated",
    "shoot.status_changed",
    "shoot.deleted",
    "deliverable.created",
    "deliverable.updated",
    "deliverable.status_changed",
    "deliverable.deleted",
    "task.created",
    "task.updated",
    "task.assigned",
    "task.completed",
    "task.deleted",
    "form_submission.created",
    "form_submission.updated",
    "form_submission.approved",
    "form_submission.rejected",
    "form_submission.deleted",
    "portal_request.created",
    "portal_request.updated",
    "portal_request.replied",
    "portal_request.deleted",
    "portal_request.converted",
)
CLIENT_VISIBLE = {
    "shoot.created",
    "shoot.status_changed",
    "shoot.updated",
    "shoot.deleted",
    "deliverable.created",
    "deliverable.status_changed",
    "deliverable.updated",
    "deliverable.deleted",
    "portal_request.created",
    "portal_request.updated",
    "portal_request.replied",
    "portal_request.deleted",
    "attachment.created",  # files of deliverables and requests (files/events.py)
    "attachment.deleted",
    "portal_request.converted",  # a request turned into a task or deliverable (portal)
    "comment.created",  # client-visible comments only: a team comment belongs to no client
}


def test_the_apps_register_every_event_type_they_emit():
    """The type strings and the client-visible set are what the kernel's table said (plus
    the two new .deleted types); other apps may register more (user.*)."""
    registered = event_types()
    assert [t for t in registered if t in ENTITY_TYPES] == list(ENTITY_TYPES)
    assert {t for t in registered if is_client_visible(t)} == CLIENT_VISIBLE


def test_the_django_admin_creates_edits_and_deletes_endpoints_through_the_services(
    client, admin_user
):
    from django.urls import reverse

    from localbzz.events.models import WebhookEndpoint

    client.force_login(admin_user)
    form = {"url": "https://hooks.example/a", "description": "A", "event_types": '["*"]'}
    response = client.post(reverse("admin:events_webhookendpoint_add"), {**form, "is_active": "on"})
    assert response.status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.created_by == admin_user
    change = reverse("admin:events_webhookendpoint_change", args=[endpoint.pk])
    client.post(change, {**form, "description": "B", "is_active": "on"})
    client.post(reverse("admin:events_webhookendpoint_delete", args=[endpoint.pk]), {"post": "yes"})
    assert not WebhookEndpoint.objects.exists()
    assert [(e.type, e.actor) for e in _events(endpoint.pk)] == [
        ("webhook_endpoint.created", admin_user),
        ("webhook_endpoint.updated", admin_user),
        ("webhook_endpoint.deleted", admin_user),
    ]
