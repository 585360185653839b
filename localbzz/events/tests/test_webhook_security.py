"""Webhook hardening: DNS pinned to the vetted addresses, ports, IPv6 that embeds IPv4,
signing with the previous secret after a rotation, and verification that fails clearly."""

import json
import re
import socket
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone
from standardwebhooks.webhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError as ReferenceError_

from clients.models import ClientStatus
from clients.services import client_set_status
from clients.tests.factories import make_client
from localbzz.events import services
from localbzz.events.models import WebhookEndpoint, generate_webhook_secret
from localbzz.events.webhooks import (
    WebhookVerificationError,
    guard_url,
    send,
    sign,
    verify,
)

pytestmark = pytest.mark.django_db
committed = TestCase.captureOnCommitCallbacks
ENVELOPE = {"id": "msg_1", "type": "webhook.test", "data": {}}
DOCS = Path(__file__).resolve().parents[3] / "docs" / "webhooks.md"


@pytest.fixture
def resolver(monkeypatch):
    """The system resolver, with made-up host names answering from a script of answers."""
    real = socket.getaddrinfo
    answers: dict[str, list[str]] = {}
    lookups: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            lookups.append(host)
            script = answers[host]
            address = script.pop(0) if len(script) > 1 else script[0]
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            return [(family, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers, lookups


# --- DNS rebinding, ports, IPv6 embedding IPv4 ------------------------------------------------


def test_a_rebinding_resolver_cannot_make_the_request_reach_a_private_address(
    settings, receiver, resolver
):
    answers, lookups = resolver
    port = receiver.server.server_address[1]
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    settings.WEBHOOK_ALLOWED_PORTS = [80, 443, port]
    settings.WEBHOOK_CONNECT_TIMEOUT = 0.5
    # public when vetted, the receiver's loopback address on any later lookup
    answers["rebind.example"] = ["93.184.216.34", "127.0.0.1"]
    result = send(f"http://rebind.example:{port}/hook", generate_webhook_secret(), ENVELOPE)
    assert not result.ok
    assert receiver.requests == []
    assert lookups == ["rebind.example"]  # resolved once: the connection used that answer


def test_the_connection_goes_to_the_resolved_address_with_the_host_name_kept(
    settings, receiver, resolver
):
    answers, lookups = resolver
    port = receiver.server.server_address[1]
    answers["hooks.example"] = ["127.0.0.1"]
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True  # the receiver is on loopback
    result = send(f"http://hooks.example:{port}/hook", generate_webhook_secret(), ENVELOPE)
    assert result.status_code == 200
    (request,) = receiver.requests
    assert request["headers"]["Host"] == f"hooks.example:{port}"
    assert lookups == ["hooks.example"]


@pytest.mark.parametrize(
    "url",
    ["http://hooks.example:8080/x", "https://hooks.example:22/x", "http://hooks.example:0/x"],
)
def test_ports_other_than_80_and_443_are_refused(settings, resolver, url):
    resolver[0]["hooks.example"] = ["93.184.216.34"]
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    with pytest.raises(ValidationError, match="port"):
        guard_url(url)
    guard_url("https://hooks.example:443/x")
    guard_url("http://hooks.example/x")


def test_any_port_while_private_targets_are_allowed(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    guard_url("http://hooks.example:8080/x")


@pytest.mark.parametrize(
    "address",
    [
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:a00:5::1",  # 6to4 of 10.0.0.5
        "2002:a9fe:a9fe::",  # 6to4 of 169.254.169.254
        "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1
        "2001:0:4136:e378:8000:63bf:f5ff:fffa",  # Teredo, client 10.0.0.5
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    ],
)
def test_ipv6_addresses_embedding_a_non_global_ipv4_are_refused(settings, resolver, address):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    with pytest.raises(ValidationError, match="non-public"):
        guard_url(f"http://[{address}]/hook")
    resolver[0]["sneaky.example"] = [address]
    with pytest.raises(ValidationError, match="non-public"):
        guard_url("https://sneaky.example/hook")


@pytest.mark.parametrize("address", ["2002:5db8:d822::", "2606:4700:4700::1111"])
def test_global_ipv6_addresses_are_accepted(settings, resolver, address):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    resolver[0]["v6.example"] = [address]
    guard_url("https://v6.example/hook")


def test_a_refused_target_is_an_attempt_error_not_a_request(settings, receiver):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    result = send(receiver.url, generate_webhook_secret(), ENVELOPE)
    assert result.error.startswith("refused")
    assert receiver.requests == []


# --- Secret rotation ----------------------------------------------------------------------------


def _deliver(endpoint) -> dict:
    client = make_client(status=ClientStatus.PITCHING)
    with committed(execute=True):
        client_set_status(client=client, status=ClientStatus.ACTIVE)
    return endpoint.deliveries.latest("created_at")


def test_after_rotation_both_secrets_verify_during_the_grace_period_then_only_the_new(
    receiver, settings
):
    settings.WEBHOOK_SECRET_GRACE = timedelta(hours=24)
    endpoint = services.webhook_endpoint_create(
        actor=None, url=receiver.url, event_types=["client.status_changed"]
    )
    old = endpoint.secret
    new = services.webhook_endpoint_rotate_secret(endpoint=endpoint)
    _deliver(endpoint)
    request = receiver.requests[-1]
    assert len(request["headers"]["webhook-signature"].split()) == 2
    assert verify(new, request["headers"], request["body"])
    assert verify(old, request["headers"], request["body"])
    for secret in (old, new):  # and the reference library agrees
        Webhook(secret).verify(request["body"], request["headers"])

    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        secret_rotated_at=timezone.now() - timedelta(hours=24, minutes=1)
    )
    _deliver(endpoint)
    request = receiver.requests[-1]
    assert len(request["headers"]["webhook-signature"].split()) == 1
    assert verify(new, request["headers"], request["body"])
    with pytest.raises(WebhookVerificationError):
        verify(old, request["headers"], request["body"])
    with pytest.raises(ReferenceError_):
        Webhook(old).verify(request["body"], request["headers"])


def test_rotation_keeps_only_the_secret_just_replaced():
    endpoint = services.webhook_endpoint_create(
        actor=None, url="https://hooks.example/x", event_types=["*"]
    )
    first = endpoint.secret
    second = services.webhook_endpoint_rotate_secret(endpoint=endpoint)
    third = services.webhook_endpoint_rotate_secret(endpoint=endpoint)
    endpoint.refresh_from_db()
    assert endpoint.signing_secrets() == [third, second]
    assert first not in endpoint.signing_secrets()


# --- Verification: one clear error for every malformed delivery ----------------------------------

SECRET = generate_webhook_secret()
BODY = b'{"id":"msg_1"}'


def _headers(**override):
    ts = int(time.time())
    headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(ts),
        "webhook-signature": sign(SECRET, "msg_1", ts, BODY),
    }
    headers.update(override)
    return {k: v for k, v in headers.items() if v is not None}


MALFORMED = {
    "no id": {"webhook-id": None},
    "no timestamp": {"webhook-timestamp": None},
    "no signature": {"webhook-signature": None},
    "empty signature": {"webhook-signature": ""},
    "timestamp not a number": {"webhook-timestamp": "yesterday"},
    "timestamp in exponent form": {"webhook-timestamp": "1e10"},
    "negative timestamp": {"webhook-timestamp": "-5"},
    "huge timestamp": {"webhook-timestamp": "9" * 40},
    "non-ASCII digits": {"webhook-timestamp": "١٧٠٠٠٠٠٠٠٠"},
    "old timestamp": {"webhook-timestamp": str(int(time.time()) - 3600)},
    "future timestamp": {"webhook-timestamp": str(int(time.time()) + 3600)},
    "signature without version": {"webhook-signature": "abc"},
    "other version only": {"webhook-signature": "v2,abc"},
    "signature not base64": {"webhook-signature": "v1,!!!"},
    "non-ASCII signature": {"webhook-signature": "v1,é"},
    "several wrong signatures": {"webhook-signature": "v1,AAAA v1,BBBB v1a,CCCC"},
}


def _docs_verify():
    """The hand-written receiver of docs/webhooks.md, run as documented."""
    block = re.search(r"### By hand.*?```python\n(.*?)```", DOCS.read_text(), re.S).group(1)
    namespace: dict = {}
    exec(compile(block, str(DOCS), "exec"), namespace)  # noqa: S102 - our own docs
    return namespace["verify"], namespace["WebhookVerificationError"]


@pytest.mark.parametrize("case", MALFORMED)
def test_every_malformed_delivery_is_one_clear_error(case):
    headers = _headers(**MALFORMED[case])
    with pytest.raises(WebhookVerificationError):
        verify(SECRET, headers, BODY)
    docs_verify, docs_error = _docs_verify()
    with pytest.raises(docs_error):
        docs_verify(SECRET, headers, BODY)


def test_a_bad_secret_is_the_same_clear_error():
    with pytest.raises(WebhookVerificationError):
        verify("whsec_not base64!", _headers(), BODY)


def test_a_valid_delivery_verifies_also_among_other_signatures():
    headers = _headers()
    headers["webhook-signature"] = "v1,AAAA v2,xyz " + headers["webhook-signature"]
    assert verify(SECRET, headers, BODY)
    docs_verify, _ = _docs_verify()
    assert docs_verify(SECRET, headers, BODY) is None
    assert Webhook(SECRET).verify(BODY, headers) == json.loads(BODY)
    with pytest.raises(WebhookVerificationError):
        verify(SECRET, headers, BODY + b" ")
