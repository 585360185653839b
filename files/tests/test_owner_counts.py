"""Each owner's API representation carries ``attachments_count`` (one subquery per list)."""

import pytest

from deliverables.tests.factories import make_deliverable
from files.tests.factories import make_attachment
from localbzz.events.representation import represent
from localbzz.testing import api_client
from portal.tests.factories import make_portal_request
from shoots.tests.factories import make_shoot
from tasks.tests.factories import make_task

pytestmark = pytest.mark.django_db


def test_every_owner_shows_its_attachments_count(team_user, client_a):
    owners = {
        "deliverables": make_deliverable(client_a),
        "shoots": make_shoot(client_a),
        "tasks": make_task(client=client_a),
        "portal-requests": make_portal_request(client_a),
    }
    api = api_client(team_user)
    for path, owner in owners.items():
        make_attachment(owner)
        make_attachment(owner)
        assert api.get(f"/api/{path}/{owner.pk}").json()["attachments_count"] == 2, path
        rows = api.get(f"/api/{path}").json()["results"]
        assert {r["id"]: r["attachments_count"] for r in rows}[str(owner.pk)] == 2, path


def test_deliverable_list_queries_do_not_grow_with_attachments(
    admin_user, client_a, django_assert_max_num_queries
):
    deliverables = [make_deliverable(client_a) for _ in range(3)]
    api = api_client(admin_user)
    api.get("/api/deliverables")
    with django_assert_max_num_queries(4) as ctx:
        api.get("/api/deliverables")
    before = len(ctx.captured_queries)
    for deliverable in deliverables:
        make_attachment(deliverable)
    with django_assert_max_num_queries(before):
        body = api.get("/api/deliverables").json()
    assert sorted(r["attachments_count"] for r in body["results"]) == [1, 1, 1]


def test_a_client_user_sees_no_count_of_its_shoots_internal_files(client_a, client_a_user):
    shoot = make_shoot(client_a)
    make_attachment(shoot)
    body = api_client(client_a_user).get(f"/api/shoots/{shoot.pk}").json()
    assert "attachments_count" not in body


def test_event_representation_counts_without_an_annotation(client_a):
    deliverable = make_deliverable(client_a)
    make_attachment(deliverable)
    assert represent(deliverable)["attachments_count"] == 1
