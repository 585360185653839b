import pytest
from django.test import TestCase
from rest_framework.test import APIClient

from clients.models import ClientStatus
from clients.services import client_set_status, client_update
from clients.tests.factories import make_client
from deliverables.services import deliverable_create
from localbzz.events import delivery as deliveries
from localbzz.events import services
from localbzz.events.models import Event, WebhookDelivery, WebhookEndpoint
from tasks.services import task_create

pytestmark = [pytest.mark.django_db, pytest.mark.urls("localbzz.events.tests.urls")]

committed = TestCase.captureOnCommitCallbacks


def api(user=None):
    c = APIClient()
    if user is not None:
        c.force_authenticate(user)
    return c


@pytest.fixture
def users(admin_user, team_user, client_a_user, client_b_user):
    return {
        "admin": admin_user,
        "team": team_user,
        "client_a": client_a_user,
        "client_b": client_b_user,
        "anonymous": None,
    }


@pytest.fixture
def world(client_a, client_b, admin_user, receiver):
    client_set_status(client=client_a, status=ClientStatus.INACTIVE, actor=admin_user)
    client_set_status(client=client_b, status=ClientStatus.INACTIVE, actor=admin_user)
    task_create(name="Internal", actor=admin_user, client=client_a)
    deliverable_create(title="Reel for A", client=client_a, actor=admin_user)
    deliverable_create(title="Reel for B", client=client_b, actor=admin_user)
    endpoint = services.webhook_endpoint_create(
        actor=admin_user, url=receiver.url, event_types=["client.status_changed"]
    )
    client_update(client=client_a, status=ClientStatus.ACTIVE, actor=admin_user)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    return {"endpoint": endpoint, "delivery": delivery}


def _types(response):
    return sorted({e["type"] for e in response.json()["results"]})


def test_staff_see_every_event_clients_only_their_own_visible_ones(users, world, client_a):
    admin_events = api(users["admin"]).get("/api/events?page_size=200").json()
    assert admin_events["count"] == Event.objects.count()
    team = api(users["team"]).get("/api/events")
    assert team.json()["count"] == Event.objects.count()
    a = api(users["client_a"]).get("/api/events?page_size=200").json()["results"]
    assert a
    own_ids = set(
        Event.objects.filter(client=client_a, client_visible=True).values_list("id", flat=True)
    )
    assert {e["id"] for e in a} == {str(i) for i in own_ids}
    assert "task.created" not in {e["type"] for e in a}
    # client events carry the staff representation (internal notes): never to client users
    assert not {e["type"] for e in a} & {"client.status_changed", "client.updated"}
    b = api(users["client_b"]).get("/api/events?page_size=200").json()["results"]
    assert not {e["id"] for e in a} & {e["id"] for e in b}
    assert api().get("/api/events").status_code == 401


def test_events_after_returns_only_later_events_and_type_filter(users, world):
    admin = api(users["admin"])
    everything = admin.get("/api/events?page_size=200").json()["results"]
    middle = everything[2]["id"]
    later = admin.get(f"/api/events?after={middle}&page_size=200").json()["results"]
    assert [e["id"] for e in later] == [e["id"] for e in everything[3:]]
    assert _types(admin.get("/api/events/?type=client.status_changed")) == ["client.status_changed"]
    assert set(_types(admin.get("/api/events?type=client.*"))) == {
        "client.status_changed",
        "client.updated",
    }
    assert admin.get("/api/events?after=not-an-id").status_code == 400


def test_client_cannot_use_another_clients_event_as_after(users, world, client_b):
    other = Event.objects.filter(client=client_b, client_visible=True).first()
    assert api(users["client_a"]).get(f"/api/events?after={other.pk}").status_code == 400


def test_event_list_query_count_is_constant(users, world, admin_user, django_assert_num_queries):
    admin = api(users["admin"])
    with django_assert_num_queries(1):  # forced auth: the page with its count (actor joined)
        admin.get("/api/events?page_size=2")
    with django_assert_num_queries(1):
        admin.get("/api/events?page_size=200")


ROUTES = [
    ("get", "/api/webhooks", None),
    ("post", "/api/webhooks", "create"),
    ("get", "/api/webhooks/{endpoint}", None),
    ("put", "/api/webhooks/{endpoint}", {"description": "x"}),
    ("patch", "/api/webhooks/{endpoint}", {"description": "y"}),
    ("post", "/api/webhooks/{endpoint}/rotate-secret", None),
    ("get", "/api/webhooks/{endpoint}/deliveries", None),
    ("post", "/api/webhooks/{endpoint}/test", None),
    ("post", "/api/webhook-deliveries/{delivery}/redeliver", None),
    ("delete", "/api/webhooks/{endpoint}", None),
]
EXPECTED_ADMIN = {
    ("get", "/api/webhooks"): 200,
    ("post", "/api/webhooks"): 201,
    ("get", "/api/webhooks/{endpoint}"): 200,
    ("put", "/api/webhooks/{endpoint}"): 200,
    ("patch", "/api/webhooks/{endpoint}"): 200,
    ("post", "/api/webhooks/{endpoint}/rotate-secret"): 200,
    ("get", "/api/webhooks/{endpoint}/deliveries"): 200,
    ("post", "/api/webhooks/{endpoint}/test"): 200,
    ("post", "/api/webhook-deliveries/{delivery}/redeliver"): 202,
    ("delete", "/api/webhooks/{endpoint}"): 204,
}


@pytest.mark.parametrize("role", ["admin", "team", "client_a", "client_b", "anonymous"])
@pytest.mark.parametrize(("method", "path", "body"), ROUTES)
def test_webhook_routes_by_role(users, world, receiver, role, method, path, body):
    url = path.format(endpoint=world["endpoint"].pk, delivery=world["delivery"].pk)
    if body == "create":
        body = {"url": receiver.url, "event_types": ["task.created"]}
    with committed(execute=True):
        response = getattr(api(users[role]), method)(url, body, format="json")
    if role == "admin":
        assert response.status_code == EXPECTED_ADMIN[(method, path)], response.content
    elif role == "anonymous":
        assert response.status_code == 401
    elif "{" in path:
        assert response.status_code == 404  # hidden objects look missing
    else:
        assert response.status_code == 403
    # and the trailing-slash form answers the same, without a redirect
    if role != "admin":
        again = getattr(api(users[role]), method)(url + "/", body, format="json")
        assert again.status_code == response.status_code


def test_secret_only_in_create_and_rotate_responses(users, receiver):
    admin = api(users["admin"])
    created = admin.post(
        "/api/webhooks", {"url": receiver.url, "event_types": ["*"]}, format="json"
    ).json()
    assert created["secret"].startswith("whsec_")
    endpoint_id = created["id"]
    assert "secret" not in admin.get(f"/api/webhooks/{endpoint_id}").json()
    assert all("secret" not in e for e in admin.get("/api/webhooks").json()["results"])
    rotated = admin.post(f"/api/webhooks/{endpoint_id}/rotate-secret").json()
    assert rotated["secret"] != created["secret"]
    assert WebhookEndpoint.objects.get(pk=endpoint_id).secret == rotated["secret"]


def test_create_refuses_unknown_types_and_private_urls(users, settings):
    admin = api(users["admin"])
    bad = admin.post(
        "/api/webhooks", {"url": "http://example.com/", "event_types": ["nope"]}, format="json"
    )
    assert bad.status_code == 400
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    private = admin.post(
        "/api/webhooks", {"url": "http://127.0.0.1:9/", "event_types": ["*"]}, format="json"
    )
    assert private.status_code == 400
    assert not WebhookEndpoint.objects.exists()


def test_deliveries_list_has_attempts_and_constant_queries(
    users, world, receiver, django_assert_num_queries
):
    admin = api(users["admin"])
    endpoint = world["endpoint"]
    url = f"/api/webhooks/{endpoint.pk}/deliveries"
    deliveries.webhook_deliver(delivery_id=world["delivery"].pk)
    first = admin.get(url).json()
    assert first["results"][0]["attempt_log"][0]["status_code"] == 200
    with django_assert_num_queries(3):
        admin.get(url)
    for status in (ClientStatus.INACTIVE, ClientStatus.ACTIVE, ClientStatus.PITCHING):
        client_set_status(client=make_client(), status=status)
    for d in WebhookDelivery.objects.filter(status="pending"):
        deliveries.webhook_deliver(delivery_id=d.pk)
    with django_assert_num_queries(3):
        assert admin.get(url).json()["count"] >= 3


def test_events_since_a_time_returns_only_what_followed_it(users, world):
    from datetime import timedelta

    from django.utils import timezone

    admin = api(users["admin"])
    newest = Event.objects.order_by("-occurred_at").first()
    Event.objects.filter(pk=newest.pk).update(occurred_at=timezone.now() + timedelta(minutes=5))
    since = timezone.now().isoformat()
    results = admin.get("/api/events", {"since": since}).json()["results"]
    assert [e["id"] for e in results] == [str(newest.pk)]
    everything = admin.get("/api/events", {"since": "2000-01-01T00:00:00+00:00"}).json()
    assert everything["count"] == Event.objects.count()


@pytest.mark.parametrize("since", ["yesterday", "2026-11-24T10:00:00", "2026-13-45T99:00:00+00:00"])
def test_events_since_needs_an_iso_time_with_offset(users, world, since):
    response = api(users["admin"]).get("/api/events", {"since": since})
    assert response.status_code == 400
    assert "since" in response.json()["error"]["details"]
