"""/metrics: guarded by METRICS_TOKEN; one test per metric family."""

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from clients.models import ClientStatus
from clients.services import client_set_status
from clients.tests.factories import make_client
from localbzz.events import delivery as deliveries
from localbzz.events import services
from localbzz.events.consumers import LiveConsumer
from localbzz.events.models import WebhookDelivery
from localbzz.events.tests.receiver import Receiver

pytestmark = pytest.mark.django_db
TOKEN = "metrics-token-for-tests-0123456789"


@pytest.fixture(autouse=True)
def metrics_on(settings):
    settings.METRICS_TOKEN = TOKEN


def scrape(client) -> dict:
    """``{(name, frozenset(labels)): value}`` of one scrape."""
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    samples = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            samples[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return samples


def value(samples, name, **labels) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_metrics_are_off_without_a_token(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


@pytest.mark.parametrize(
    "header", [None, "Bearer wrong", f"Token {TOKEN}", f"Basic {TOKEN}", "Bearer", TOKEN]
)
def test_metrics_need_the_bearer_token(client, header):
    extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    response = client.get("/metrics", **extra)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"localbzz_" not in response.content


def test_metrics_are_reachable_by_pod_address(client, settings):
    settings.ALLOWED_HOSTS = ["localbzz.example"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(
        "/metrics", HTTP_HOST="10.1.2.3:8000", HTTP_AUTHORIZATION=f"Bearer {TOKEN}"
    )
    assert response.status_code == 200


def test_requests_are_counted_and_timed_by_route_name_and_status(client, admin_user):
    before = scrape(client)
    client.force_login(admin_user)
    assert client.get("/api/clients/").status_code == 200
    assert client.get("/api/clients/00000000-0000-0000-0000-000000000000/").status_code == 404
    after = scrape(client)
    ok = {"route": "api:client-list", "method": "GET", "status": "200"}
    assert value(after, "localbzz_http_requests_total", **ok) == (
        value(before, "localbzz_http_requests_total", **ok) + 1
    )
    missing = {"route": "api:client-detail", "method": "GET", "status": "404"}
    assert value(after, "localbzz_http_requests_total", **missing) == (
        value(before, "localbzz_http_requests_total", **missing) + 1
    )
    count = "localbzz_http_request_duration_seconds_count"
    labels = {"route": "api:client-list", "status": "200"}
    assert value(after, count, **labels) == value(before, count, **labels) + 1
    bucket = {**labels, "le": "+Inf"}
    assert value(after, "localbzz_http_request_duration_seconds_bucket", **bucket) >= 1
    # an unknown path has one label value, not one per path (bounded cardinality)
    client.get("/no/such/page/123")
    client.get("/no/such/page/456")
    last = scrape(client)
    assert not [key for key in last if "/no/such" in str(key)]
    unmatched = {"route": "unmatched", "method": "GET", "status": "404"}
    assert value(last, "localbzz_http_requests_total", **unmatched) >= 2


def test_queries_per_request_are_observed(client, admin_user, django_assert_num_queries):
    client.force_login(admin_user)
    before = scrape(client)
    client.get("/api/clients/")
    after = scrape(client)
    name = "localbzz_db_queries_per_request"
    assert value(after, f"{name}_count", route="api:client-list") == (
        value(before, f"{name}_count", route="api:client-list") + 1
    )
    queries = value(after, f"{name}_sum", route="api:client-list") - value(
        before, f"{name}_sum", route="api:client-list"
    )
    assert queries >= 1  # the session, the user and the list at least
    # the probe and the scrape endpoints are not measured as requests
    assert not [key for key in after if ("route", "/metrics") in key[1]]


def test_webhook_attempts_by_outcome_and_deliveries_by_status(client, admin_user, settings):
    settings.WEBHOOK_RETRY_SCHEDULE = [300]
    before = scrape(client)
    with Receiver() as receiver:
        receiver.fail_times = 1
        endpoint = services.webhook_endpoint_create(
            actor=admin_user, url=receiver.url, event_types=["client.status_changed"]
        )
        client_set_status(
            client=make_client(status=ClientStatus.PITCHING), status=ClientStatus.ACTIVE
        )
        delivery = WebhookDelivery.objects.get(endpoint=endpoint)
        deliveries.webhook_deliver(delivery_id=delivery.pk)  # 500: a failure, pending again
        middle = scrape(client)
        WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
        assert value(middle, "localbzz_webhook_queue_due") == 0
        assert value(scrape(client), "localbzz_webhook_queue_due") == 1
        deliveries.webhook_deliver(delivery_id=delivery.pk)  # 200: a success
    after = scrape(client)
    attempts = "localbzz_webhook_attempts_total"
    assert (
        value(middle, attempts, outcome="failure") == value(before, attempts, outcome="failure") + 1
    )
    assert (
        value(after, attempts, outcome="success") == value(before, attempts, outcome="success") + 1
    )
    assert value(middle, "localbzz_webhook_deliveries", status="pending") == 1
    assert value(after, "localbzz_webhook_deliveries", status="pending") == 0
    assert value(after, "localbzz_webhook_deliveries", status="succeeded") == 1
    assert value(after, "localbzz_webhook_queue_due") == 0


def test_celery_tasks_by_outcome(client):
    from localbzz.events.jobs import sweep_events

    before = scrape(client)
    sweep_events.apply()  # in this process, whatever the broker
    after = scrape(client)
    labels = {"task": sweep_events.name, "outcome": "success"}
    assert value(after, "localbzz_celery_tasks_total", **labels) == (
        value(before, "localbzz_celery_tasks_total", **labels) + 1
    )


def test_open_websockets_are_counted(client):
    from prometheus_client import REGISTRY

    def gauge():
        return REGISTRY.get_sample_value("localbzz_websockets_open")

    before = gauge()
    assert value(scrape(client), "localbzz_websockets_open") == before

    async def connect_then_close():
        communicator = WebsocketCommunicator(LiveConsumer.as_asgi(), "/ws/live/")
        connected, _ = await communicator.connect()
        assert connected
        during = gauge()
        await communicator.disconnect()
        return during

    assert async_to_sync(connect_then_close)() == before + 1
    assert gauge() == before


WORKER = """
import django, sys
django.setup()
from ops import metrics
metrics.REQUESTS.labels(route="api:client-list", method="GET", status="200").inc()
metrics.WEBSOCKETS.inc()
"""
SCRAPE = """
import django
django.setup()
from unittest import mock
from ops import metrics
with mock.patch.object(metrics.DatabaseCollector, "collect", lambda self: iter(())):
    print(metrics.exposition()[0].decode())
"""


def test_multiprocess_mode_sums_the_workers(tmp_path):
    """Under gunicorn every worker writes its values to PROMETHEUS_MULTIPROC_DIR; a scrape
    answered by any one worker sums them all."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "localbzz.test_settings",
    }
    for _ in range(2):
        subprocess.run([sys.executable, "-c", WORKER], env=env, check=True, timeout=60)
    assert list(tmp_path.glob("*.db"))
    out = subprocess.run(
        [sys.executable, "-c", SCRAPE], env=env, check=True, timeout=60, capture_output=True
    ).stdout.decode()
    samples = {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(out)
        for sample in family.samples
    }
    ok = {"route": "api:client-list", "method": "GET", "status": "200"}
    assert value(samples, "localbzz_http_requests_total", **ok) == 2
