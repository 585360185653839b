"""Webhooks through a real Celery worker on Redis, to a real HTTP receiver."""

import json
import time

import pytest

from clients.models import ClientStatus
from clients.services import client_set_status
from clients.tests.factories import make_client
from localbzz.events import delivery as deliveries
from localbzz.events import services
from localbzz.events.models import DeliveryStatus, Event, WebhookDelivery
from localbzz.events.webhooks import verify

pytestmark = pytest.mark.services


def _wait(condition, timeout=15.0, what="condition", worker=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}\n{worker.tail() if worker else ''}")


def _endpoint(receiver, admin_user):
    return services.webhook_endpoint_create(
        actor=admin_user, url=receiver.url, event_types=["client.status_changed"]
    )


def test_delivery_arrives_signed_and_verifiable(worker_factory, receiver, admin_user):
    worker = worker_factory().start()
    endpoint = _endpoint(receiver, admin_user)
    client = make_client(status=ClientStatus.PITCHING)
    client_set_status(client=client, status=ClientStatus.ACTIVE, actor=admin_user)
    event = Event.objects.get(type="client.status_changed")
    _wait(lambda: receiver.requests, what="the delivery", worker=worker)
    (request,) = receiver.requests
    assert request["headers"]["webhook-id"] == str(event.pk)
    assert verify(endpoint.secret, request["headers"], request["body"])
    assert json.loads(request["body"])["data"]["changes"]["status"]["to"] == "Active"
    _wait(
        lambda: WebhookDelivery.objects.filter(status=DeliveryStatus.SUCCEEDED).exists(),
        what="the succeeded delivery",
        worker=worker,
    )


def test_receiver_failing_twice_gets_event_on_third_attempt_then_manual_redelivery(
    worker_factory, receiver, admin_user
):
    worker = worker_factory().start()
    _endpoint(receiver, admin_user)
    receiver.fail_times = 2
    client = make_client(status=ClientStatus.PITCHING)
    client_set_status(client=client, status=ClientStatus.ACTIVE, actor=admin_user)
    delivery = WebhookDelivery.objects.get()
    _wait(
        lambda: WebhookDelivery.objects.get(pk=delivery.pk).status == DeliveryStatus.SUCCEEDED,
        what="success after two 500s",
        worker=worker,
    )
    codes = list(delivery.attempt_log.values_list("status_code", flat=True))
    assert codes == [500, 500, 200]
    assert len(receiver.requests) == 3
    assert len({r["headers"]["webhook-id"] for r in receiver.requests}) == 1

    deliveries.webhook_delivery_redeliver(delivery=delivery, actor=admin_user)
    _wait(lambda: len(receiver.requests) == 4, what="the manual redelivery", worker=worker)
    _wait(
        lambda: WebhookDelivery.objects.get(pk=delivery.pk).status == DeliveryStatus.SUCCEEDED,
        what="the redelivery's success",
        worker=worker,
    )
    assert receiver.requests[3]["headers"]["webhook-id"] == str(delivery.event_id)
    assert delivery.attempt_log.count() == 4


def test_worker_killed_mid_run_loses_no_event(worker_factory, receiver, admin_user):
    count = 30
    receiver.delay = 0.1  # each delivery takes a while, so the kill lands mid-run
    worker = worker_factory().start()
    _endpoint(receiver, admin_user)
    clients = [make_client(status=ClientStatus.PITCHING) for _ in range(count)]
    for client in clients:
        client_set_status(client=client, status=ClientStatus.ACTIVE, actor=admin_user)
    expected = {
        str(pk)
        for pk in Event.objects.filter(type="client.status_changed").values_list("pk", flat=True)
    }
    assert len(expected) == count
    _wait(lambda: len(receiver.requests) >= 5, what="the first deliveries", worker=worker)
    worker.kill()
    delivered_before_kill = len(receiver.requests)
    assert delivered_before_kill < count, "the kill came too late to prove anything"

    restarted = worker_factory().start()
    _wait(
        lambda: WebhookDelivery.objects.filter(status=DeliveryStatus.SUCCEEDED).count() == count,
        timeout=30,
        what="every delivery after the restart",
        worker=restarted,
    )
    received_ids = [r["headers"]["webhook-id"] for r in receiver.requests]
    assert set(received_ids) == expected  # none lost, nothing foreign
    # Duplicates only ever repeat a webhook-id (receivers dedupe on it); every request
    # carries one of the expected ids, and no id arrives more than a handful of times.
    assert len(received_ids) >= count
    assert max(received_ids.count(i) for i in expected) <= 3
