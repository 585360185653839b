"""Portal request services: creation, updates and replies emit client-visible events."""

import pytest
from django.core.exceptions import ValidationError

from localbzz.events.models import Event
from portal.models import RequestStatus
from portal.services import portal_request_create, portal_request_reply, portal_request_update

pytestmark = pytest.mark.django_db


def test_client_request_records_author_and_emits_created(client_a, client_a_user):
    req = portal_request_create(actor=client_a_user, client=client_a, content="Post our sale")
    assert req.created_by == client_a_user
    event = Event.objects.get(type="portal_request.created")
    assert (event.client_id, event.client_visible) == (client_a.pk, True)


def test_status_update_and_reply_emit(client_a, client_a_user, team_user):
    req = portal_request_create(actor=client_a_user, client=client_a, content="New logo")
    portal_request_update(portal_request=req, actor=team_user, status=RequestStatus.WORKING)
    portal_request_reply(portal_request=req, author=team_user, body="On it")
    with pytest.raises(ValidationError):
        portal_request_reply(portal_request=req, author=team_user, body="  ")
    types = list(Event.objects.order_by("occurred_at").values_list("type", flat=True))
    assert types == ["portal_request.created", "portal_request.updated", "portal_request.replied"]
