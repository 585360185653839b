"""Request SLAs: clocks by priority from settings, met or breached, and the scheduled check
that notifies each breach once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from dashboard.jobs import check_request_slas
from dashboard.sla import request_clocks, with_first_reply
from localbzz.events.models import Notification, NotificationKind
from portal.models import ClientPortalRequest, PortalRequestReply
from portal.tests.factories import make_portal_request

pytestmark = pytest.mark.django_db

SLA = {
    "Urgent": {"first_response": 2, "resolution": 24},
    "Normal": {"first_response": 0, "resolution": 0},
}


@pytest.fixture(autouse=True)
def _sla(settings):
    settings.REQUEST_SLA_HOURS = SLA


def _aged(request, hours):
    ClientPortalRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(hours=hours)
    )


def _clocks(request):
    row = with_first_reply(ClientPortalRequest.objects.filter(pk=request.pk)).get()
    return {c["name"]: c["state"] for c in request_clocks(row)}


def test_only_a_priority_with_targets_starts_a_clock(client_a):
    normal = make_portal_request(client_a, priority="Normal")
    urgent = make_portal_request(client_a, priority="Urgent")
    assert _clocks(normal) == {}
    assert _clocks(urgent) == {"first_response": "running", "resolution": "running"}


def test_a_staff_reply_in_time_meets_the_first_response_a_client_reply_does_not(
    client_a, client_a_user, team_user
):
    request = make_portal_request(client_a, priority="Urgent")
    PortalRequestReply.objects.create(request=request, author=client_a_user, body="Any news?")
    _aged(request, 3)
    assert _clocks(request)["first_response"] == "breached"
    answered = make_portal_request(client_a, priority="Urgent")
    PortalRequestReply.objects.create(request=answered, author=team_user, body="On it")
    assert _clocks(answered) == {"first_response": "met", "resolution": "running"}


def test_the_check_notifies_every_breach_once(client_a, admin_user, team_user, client_a_user):
    late = make_portal_request(client_a, priority="Urgent", content="Oven reel fix\nplease")
    _aged(late, 3)  # first response late (2 h), resolution not yet (24 h)
    make_portal_request(client_a, priority="Urgent")  # in time
    _aged(make_portal_request(client_a, priority="Normal"), 30)  # no clock
    assert check_request_slas() == {"notified": 1}
    rows = Notification.objects.filter(kind=NotificationKind.SLA_BREACHED)
    assert {n.user_id for n in rows} == {admin_user.pk, team_user.pk}
    note = rows.first()
    assert note.title == "SLA breached: first response of an urgent request"
    assert "Acme Bakery: Oven reel fix" in note.body
    assert note.url == f"/requests/{late.pk}/"
    assert check_request_slas() == {"notified": 0}  # once
    _aged(late, 25)
    assert check_request_slas() == {"notified": 1}  # now the resolution too
    assert Notification.objects.filter(kind=NotificationKind.SLA_BREACHED).count() == 4


def test_the_staff_request_page_shows_the_clocks(client, team_user, client_a):
    request = make_portal_request(client_a, priority="Urgent")
    _aged(request, 3)
    client.force_login(team_user)
    html = client.get(f"/requests/{request.pk}/").content.decode()
    assert 'data-sla-clock="first_response" data-sla-state="breached"' in html
    assert 'data-sla-clock="resolution" data-sla-state="running"' in html


def test_the_portal_request_page_shows_the_clocks(client, client_a_user, client_a):
    request = make_portal_request(client_a, priority="Urgent")
    client.force_login(client_a_user)
    client.defaults["HTTP_HOST"] = "acme.localhost"
    html = client.get(f"/requests/{request.pk}/").content.decode()
    assert 'data-sla-clock="first_response" data-sla-state="running"' in html
