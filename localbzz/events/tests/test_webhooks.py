import base64
import hashlib
import hmac
import json
import socket
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from clients.models import ClientStatus
from clients.services import client_set_status
from clients.tests.factories import make_client
from localbzz.events import delivery as deliveries
from localbzz.events import services
from localbzz.events.models import (
    DeliveryStatus,
    Notification,
    NotificationKind,
    WebhookDelivery,
    WebhookEndpoint,
)
from localbzz.events.webhooks import guard_url, sign, verify

pytestmark = pytest.mark.django_db

#: runs the after-commit callbacks of the block, as a real commit would
committed = TestCase.captureOnCommitCallbacks


def _endpoint(url, types=("client.status_changed",), admin=None):
    return services.webhook_endpoint_create(actor=admin, url=url, event_types=list(types))


def test_signature_is_standard_webhooks_hmac_of_id_timestamp_body():
    secret = "whsec_" + base64.b64encode(b"k" * 32).decode()
    expected = base64.b64encode(
        hmac.new(b"k" * 32, b"msg_1.1700000000.{}", hashlib.sha256).digest()
    ).decode()
    assert sign(secret, "msg_1", 1700000000, b"{}") == f"v1,{expected}"


def test_new_endpoint_secret_is_whsec_with_at_least_24_random_bytes(admin_user):
    a = _endpoint("http://example.com/a", admin=admin_user)
    b = _endpoint("http://example.com/b", admin=admin_user)
    assert a.secret.startswith("whsec_")
    assert len(base64.b64decode(a.secret.removeprefix("whsec_"))) >= 24
    assert a.secret != b.secret


def test_endpoint_refuses_unknown_event_types(admin_user):
    with pytest.raises(ValidationError):
        _endpoint("http://example.com/", types=["client.exploded"], admin=admin_user)
    with pytest.raises(ValidationError):
        _endpoint("http://example.com/", types=[], admin=admin_user)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://localhost:8000/hook",
        "http://10.0.0.5/hook",
        "http://192.168.1.1/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://224.0.0.1/hook",
        "http://0.0.0.0/hook",
        "ftp://example.com/hook",
    ],
)
def test_ssrf_guard_refuses_non_global_targets(settings, url):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    with pytest.raises(ValidationError):
        guard_url(url)


def test_ssrf_guard_accepts_a_public_address(settings, monkeypatch):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda *a, **k: [(2, 1, 6, "", ("93.184.216.34", 443))]
    )
    guard_url("https://hooks.example.com/x")


def test_private_endpoint_is_refused_when_saved_and_again_when_sent(settings, receiver):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    with pytest.raises(ValidationError):
        _endpoint(receiver.url)
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    endpoint = _endpoint(receiver.url)
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    client = make_client(status=ClientStatus.PITCHING)
    client_set_status(client=client, status=ClientStatus.ACTIVE)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    deliveries.webhook_deliver(delivery_id=delivery.pk)
    assert receiver.requests == []
    attempt = delivery.attempt_log.get()
    assert attempt.error.startswith("refused")


def test_change_creates_pending_delivery_in_same_transaction_and_delivers_signed(
    receiver, django_capture_on_commit_callbacks
):
    endpoint = _endpoint(receiver.url)
    other = _endpoint(receiver.url.replace("/hook", "/other"), types=["task.created"])
    client = make_client(status=ClientStatus.PITCHING)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client_set_status(client=client, status=ClientStatus.ACTIVE)
        # written with the change, before any after-commit callback ran
        delivery = WebhookDelivery.objects.get(endpoint=endpoint)
        assert delivery.status == DeliveryStatus.PENDING
        assert not WebhookDelivery.objects.filter(endpoint=other).exists()
    for callback in callbacks:
        callback()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    (request,) = receiver.requests
    assert request["headers"]["webhook-id"] == str(delivery.event_id)
    assert verify(endpoint.secret, request["headers"], request["body"])
    body = json.loads(request["body"])
    assert body["type"] == "client.status_changed"
    assert body["data"]["changes"]["status"]["to"] == "Active"
    assert delivery.attempt_log.get().status_code == 200


def _pending_delivery(receiver):
    endpoint = _endpoint(receiver.url)
    client = make_client(status=ClientStatus.PITCHING)
    with committed(execute=True):
        client_set_status(client=client, status=ClientStatus.ACTIVE)
    return endpoint, WebhookDelivery.objects.get(endpoint=endpoint)


def test_5xx_schedules_retry_with_backoff_then_succeeds_via_sweep(receiver, settings):
    settings.WEBHOOK_RETRY_SCHEDULE = [5, 300]
    receiver.fail_times = 10
    endpoint, delivery = _pending_delivery(receiver)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 1
    assert delivery.last_status_code == 500
    wait = (delivery.next_attempt_at - delivery.attempt_log.get().at).total_seconds()
    assert wait == pytest.approx(5, abs=0.01)
    assert deliveries.sweep()["deliveries"] == 0  # not due yet
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert deliveries.sweep()["deliveries"] == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    wait = (delivery.next_attempt_at - delivery.attempt_log.last().at).total_seconds()
    assert wait == pytest.approx(300, abs=0.01)
    receiver.fail_times = 0
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    deliveries.sweep()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert delivery.attempt_log.count() == 3
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 0
    assert endpoint.failing_since is None


def test_delivery_fails_after_the_last_scheduled_retry(receiver, settings):
    settings.WEBHOOK_RETRY_SCHEDULE = [1]
    receiver.fail_times = 10
    _, delivery = _pending_delivery(receiver)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    deliveries.sweep()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 2


def test_429_honours_retry_after(receiver, settings):
    settings.WEBHOOK_RETRY_SCHEDULE = [5]
    receiver.fail_times, receiver.fail_status = 1, 429
    receiver.headers = {"Retry-After": "120"}
    _, delivery = _pending_delivery(receiver)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    wait = (delivery.next_attempt_at - delivery.attempt_log.get().at).total_seconds()
    assert wait == pytest.approx(120, abs=0.01)


def test_other_4xx_gives_up_without_retry(receiver):
    receiver.fail_times, receiver.fail_status = 1, 400
    endpoint, delivery = _pending_delivery(receiver)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.next_attempt_at is None
    endpoint.refresh_from_db()
    assert endpoint.is_active


def test_410_disables_endpoint_and_tells_admins(receiver, admin_user, mailoutbox):
    receiver.fail_times, receiver.fail_status = 1, 410
    endpoint, delivery = _pending_delivery(receiver)
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    assert "410" in endpoint.disabled_reason
    note = Notification.objects.get(user=admin_user)
    assert note.kind == NotificationKind.WEBHOOK_DISABLED
    assert any(admin_user.email in m.to for m in mailoutbox)


def test_endpoint_failing_for_three_days_is_disabled(receiver, admin_user, settings):
    settings.WEBHOOK_RETRY_SCHEDULE = [5, 5, 5]
    receiver.fail_times = 10
    endpoint, delivery = _pending_delivery(receiver)
    endpoint.refresh_from_db()
    assert endpoint.is_active  # one failure is not "failing for days"
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        failing_since=timezone.now() - timedelta(days=3, minutes=1)
    )
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    with committed(execute=True):
        deliveries.sweep()
    endpoint.refresh_from_db()
    delivery.refresh_from_db()
    assert not endpoint.is_active
    assert "No successful delivery" in endpoint.disabled_reason
    assert delivery.status == DeliveryStatus.ABANDONED
    assert Notification.objects.filter(
        user=admin_user, kind=NotificationKind.WEBHOOK_DISABLED
    ).exists()


def test_manual_redelivery_starts_a_new_cycle_and_keeps_the_log(receiver):
    receiver.fail_times, receiver.fail_status = 1, 400
    _, delivery = _pending_delivery(receiver)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    with committed(execute=True):
        deliveries.webhook_delivery_redeliver(delivery=delivery)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert delivery.attempt_log.count() == 2
    assert len({r["headers"]["webhook-id"] for r in receiver.requests}) == 1


def test_duplicate_job_for_same_attempt_is_a_no_op(receiver):
    _, delivery = _pending_delivery(receiver)
    delivery.refresh_from_db()
    deliveries.webhook_deliver(delivery_id=delivery.pk, expected_attempts=0)
    assert len(receiver.requests) == 1
    assert delivery.attempt_log.count() == 1


def test_sweep_redispatches_events_never_broadcast(receiver, settings, monkeypatch):
    from localbzz.events.models import Event

    endpoint = _endpoint(receiver.url)
    monkeypatch.setattr(services, "dispatch", lambda event_id: None)  # the dispatch is lost
    client = make_client(status=ClientStatus.PITCHING)
    with committed(execute=True):
        client_set_status(client=client, status=ClientStatus.ACTIVE)
    monkeypatch.undo()
    event = Event.objects.get(type="client.status_changed")
    assert event.broadcast_at is None
    Event.objects.filter(pk=event.pk).update(occurred_at=timezone.now() - timedelta(seconds=30))
    WebhookDelivery.objects.filter(endpoint=endpoint).update(
        next_attempt_at=timezone.now() + timedelta(hours=1)
    )
    assert deliveries.sweep()["events"] == 1
    event.refresh_from_db()
    assert event.broadcast_at is not None
    assert len(receiver.requests) == 1
    assert deliveries.sweep()["events"] == 0


def test_send_test_delivers_a_webhook_test_event(receiver, admin_user):
    endpoint = _endpoint(receiver.url)
    delivery = deliveries.webhook_endpoint_send_test(endpoint=endpoint, actor=admin_user)
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert json.loads(receiver.requests[0]["body"])["type"] == "webhook.test"


def test_rotate_secret_changes_the_signing_key(receiver):
    endpoint = _endpoint(receiver.url)
    old = endpoint.secret
    new = services.webhook_endpoint_rotate_secret(endpoint=endpoint)
    assert new != old
    client = make_client(status=ClientStatus.PITCHING)
    with committed(execute=True):
        client_set_status(client=client, status=ClientStatus.ACTIVE)
    request = receiver.requests[-1]
    assert verify(new, request["headers"], request["body"])
    # during the grace period the previous secret signs too (see test_secret_rotation.py)
    assert verify(old, request["headers"], request["body"])


def test_redirects_are_not_followed_and_give_up(receiver):
    receiver.fail_times, receiver.fail_status = 1, 302
    receiver.headers = {"Location": "http://169.254.169.254/latest/meta-data"}
    _, delivery = _pending_delivery(receiver)
    delivery.refresh_from_db()
    assert len(receiver.requests) == 1
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_status_code == 302


def test_timeout_is_retried(receiver, settings):
    settings.WEBHOOK_READ_TIMEOUT = 0.2
    settings.WEBHOOK_RETRY_SCHEDULE = [5]
    receiver.delay = 0.6
    _, delivery = _pending_delivery(receiver)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempt_log.get().error.startswith("timeout")
    assert delivery.next_attempt_at is not None


def test_beat_runs_the_sweep_every_few_seconds(settings):
    from localbzz.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["events-sweep"]
    assert entry["task"] in app.tasks
    assert entry["schedule"] <= 30
