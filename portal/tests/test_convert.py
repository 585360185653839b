"""A portal request converts into a task or a deliverable, linked both ways; the client
sees it on its portal."""

from __future__ import annotations

import pytest

from deliverables.models import Deliverable
from localbzz.events.models import Event
from localbzz.testing import api_client
from portal.models import ClientPortalRequest
from portal.tests.factories import make_portal_request
from tasks.models import Task


def _convert(user, portal_request, **body):
    return api_client(user).post(
        f"/api/portal-requests/{portal_request.pk}/convert", body, format="json"
    )


@pytest.mark.django_db
def test_convert_into_a_deliverable_links_back_and_the_portal_shows_it(
    client, client_a, team_user, client_a_user
):
    req = make_portal_request(client_a, content="Reel of the new cake\nwith the chef", status="New")
    response = _convert(team_user, req, into="deliverable", due_date="2030-05-01")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["portal_request_id"] == str(req.pk)
    assert body["title"] == "Reel of the new cake"
    assert body["client_id"] == str(client_a.pk)
    assert body["due_date"] == "2030-05-01"
    assert response["Location"] == f"/api/deliverables/{body['id']}"
    deliverable = Deliverable.objects.get(pk=body["id"])
    assert list(deliverable.source_requests.all()) == [req]
    req.refresh_from_db()
    assert req.converted_deliverable == deliverable
    assert req.status == "Working"
    shown = api_client(client_a_user).get(f"/api/portal-requests/{req.pk}").json()
    assert shown["converted_deliverable_id"] == body["id"]
    event = Event.objects.get(type="portal_request.converted")
    assert event.client_visible
    assert event.data["changes"]["object_id"] == body["id"]
    assert Event.objects.filter(type="deliverable.created", object_id=body["id"]).exists()
    client.force_login(client_a_user)
    page = client.get(f"/portal/acme/requests/{req.pk}/").content.decode()
    assert 'data-converted="deliverable"' in page
    assert f"/portal/acme/deliverables/{deliverable.pk}/" in page


@pytest.mark.django_db
def test_convert_into_a_task_keeps_urgency_and_assignee(client, client_a, team_user, client_a_user):
    member = team_user.team_member
    req = make_portal_request(client_a, content="Fix the logo", priority="Urgent")
    req.assigned_to = member
    req.save()
    response = _convert(team_user, req, into="task")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["portal_request_id"] == str(req.pk)
    assert body["priority"] == "High"
    assert body["assignee_ids"] == [str(member.pk)]
    task = Task.objects.get(pk=body["id"])
    assert str(req.pk) in task.description
    assert list(task.source_requests.all()) == [req]
    client.force_login(client_a_user)
    page = client.get(f"/portal/acme/requests/{req.pk}/").content.decode()
    assert 'data-converted="task"' in page
    assert f"/tasks/{task.pk}" not in page  # a client never sees the team's tasks
    shown = api_client(client_a_user).get(f"/api/portal-requests/{req.pk}").json()
    assert "converted_task_id" not in shown
    assert shown["converted_at"] is not None
    assert api_client(team_user).get(f"/api/portal-requests/{req.pk}").json()[
        "converted_task_id"
    ] == str(task.pk)


@pytest.mark.django_db
def test_second_conversion_is_409_and_bad_input_400(client_a, team_user):
    req = make_portal_request(client_a)
    assert _convert(team_user, req, into="task").status_code == 201
    again = _convert(team_user, req, into="deliverable")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"
    other = make_portal_request(client_a)
    assert _convert(team_user, other, into="shoot").status_code == 400
    assert _convert(team_user, other).status_code == 400
    assert _convert(team_user, other, into="task", due_date="soon").status_code == 400
    assert ClientPortalRequest.objects.get(pk=other.pk).converted_task_id is None
    assert Task.objects.count() == 1


@pytest.mark.django_db
def test_clients_may_not_convert(client_a, client_a_user, client_b_user):
    req = make_portal_request(client_a)
    assert _convert(client_a_user, req, into="task").status_code == 403
    assert _convert(client_b_user, req, into="task").status_code == 404
    assert not Task.objects.exists()


@pytest.mark.django_db
def test_staff_page_converts_and_opens_the_new_deliverable(client, client_a, team_user):
    req = make_portal_request(client_a, content="Carousel of the menu")
    client.force_login(team_user)
    page = client.get(f"/requests/{req.pk}/").content.decode()
    assert f"/requests/{req.pk}/convert/" in page
    response = client.post(f"/requests/{req.pk}/convert/", {"into": "deliverable"})
    deliverable = Deliverable.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/deliverables/{deliverable.pk}/"
    page = client.get(f"/requests/{req.pk}/").content.decode()
    assert 'data-converted="deliverable"' in page
    assert "Carousel of the menu" in page
    bad = client.post(f"/requests/{req.pk}/convert/", {"into": "task"})
    assert bad.status_code == 302
    assert Task.objects.count() == 0
