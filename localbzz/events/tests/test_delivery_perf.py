"""How a delivery uses its resources: no transaction or row lock while the HTTP request is
in flight, one kept-alive connection per receiver, the live broadcast before the rest."""

import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction

from clients.models import ClientStatus
from clients.services import client_set_status
from clients.tests.factories import make_client
from localbzz.events import delivery as deliveries
from localbzz.events import fanout, services
from localbzz.events.models import DeliveryStatus, WebhookDelivery
from localbzz.events.tests.receiver import Receiver


def _endpoint(url):
    return services.webhook_endpoint_create(
        actor=None, url=url, event_types=["client.status_changed"]
    )


def _pending(endpoint, monkeypatch, count=1):
    """Deliveries written by real commits, with the dispatch switched off: the test sends."""
    monkeypatch.setattr(services, "dispatch", lambda event: None)
    for _ in range(count):
        client_set_status(client=make_client(status=ClientStatus.PITCHING), status="Active")
    monkeypatch.undo()
    return list(WebhookDelivery.objects.filter(endpoint=endpoint))


@pytest.mark.django_db(transaction=True)
def test_a_delivery_holds_no_transaction_or_row_lock_while_it_sends(receiver, monkeypatch):
    (delivery,) = _pending(_endpoint(receiver.url), monkeypatch)
    seen = {}
    real_send = deliveries.send

    def other_worker():
        # Another connection locks the row without waiting: it would fail (PostgreSQL) or
        # find the table locked (SQLite) if the sender still held its transaction.
        try:
            with transaction.atomic():
                row = WebhookDelivery.objects.select_for_update(nowait=True).get(pk=delivery.pk)
                seen["other"] = (row.status, row.attempts)
        except DatabaseError as exc:
            seen["other"] = exc
        finally:
            connections.close_all()

    def spying_send(*args, **kwargs):
        seen["atomic"] = connection.in_atomic_block
        thread = threading.Thread(target=other_worker)
        thread.start()
        thread.join()
        return real_send(*args, **kwargs)

    monkeypatch.setattr(deliveries, "send", spying_send)
    deliveries.webhook_deliver(delivery_id=delivery.pk, expected_attempts=0)
    # the attempt was claimed (counted, committed) before the send, and nothing was held
    assert seen == {"atomic": False, "other": (DeliveryStatus.PENDING, 1)}
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert delivery.attempts == 1
    assert delivery.attempt_log.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_claimed_attempt_is_not_sent_twice_by_a_duplicate_job(receiver, monkeypatch):
    (delivery,) = _pending(_endpoint(receiver.url), monkeypatch)
    real_send = deliveries.send

    def send_and_race(*args, **kwargs):
        # the same job redelivered by the broker while the first one is sending
        assert deliveries.webhook_deliver(delivery_id=delivery.pk, expected_attempts=0) is None
        return real_send(*args, **kwargs)

    monkeypatch.setattr(deliveries, "send", send_and_race)
    deliveries.webhook_deliver(delivery_id=delivery.pk, expected_attempts=0)
    assert len(receiver.requests) == 1


@pytest.mark.django_db(transaction=True)
def test_an_outcome_after_a_manual_redelivery_is_logged_but_changes_nothing(receiver, monkeypatch):
    (delivery,) = _pending(_endpoint(receiver.url), monkeypatch)
    real_send = deliveries.send

    def send_while_admin_restarts(*args, **kwargs):
        WebhookDelivery.objects.filter(pk=delivery.pk).update(attempts=0)  # a new cycle
        return real_send(*args, **kwargs)

    monkeypatch.setattr(deliveries, "send", send_while_admin_restarts)
    deliveries.webhook_deliver(delivery_id=delivery.pk, expected_attempts=0)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 0
    assert delivery.attempt_log.count() == 1


@pytest.mark.django_db
def test_deliveries_to_one_receiver_reuse_one_kept_alive_connection(monkeypatch):
    with Receiver(keep_alive=True) as receiver:
        endpoint = _endpoint(receiver.url)
        pending = _pending(endpoint, monkeypatch, count=3)
        for delivery in pending:
            deliveries.webhook_deliver(delivery_id=delivery.pk, expected_attempts=0)
        assert len(receiver.requests) == 3
        # one TCP connection (one client port) for the three requests
        assert len({r["port"] for r in receiver.requests}) == 1
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"succeeded"}


@pytest.mark.django_db
def test_the_broadcast_goes_first_and_the_rest_follows_as_a_job(monkeypatch):
    order = []
    monkeypatch.setattr(fanout, "broadcast", lambda event: order.append("broadcast"))
    monkeypatch.setattr(fanout, "notify_for_event", lambda event: order.append("notify"))
    real_queue = fanout.queue_completion

    def queue(event_id, ok):
        order.append(("job", ok))
        real_queue(event_id, ok)

    monkeypatch.setattr(fanout, "queue_completion", queue)
    client = make_client(status=ClientStatus.PITCHING)
    order.clear()
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        client_set_status(client=client, status="Active")
    # two events (status_changed, updated): each broadcast, then its job (eager here)
    assert order == ["broadcast", ("job", True), "notify"] * 2


@pytest.mark.django_db
def test_a_failed_broadcast_leaves_the_event_to_the_sweep(monkeypatch):
    from localbzz.events.models import Event

    def down(event):
        raise ConnectionError("layer down")

    monkeypatch.setattr(fanout, "broadcast", down)
    client = make_client(status=ClientStatus.PITCHING)
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        client_set_status(client=client, status="Active")
    events = Event.objects.filter(object_id=str(client.pk), type="client.status_changed")
    assert events.get().broadcast_at is None  # notifications and jobs ran; sweep re-sends
