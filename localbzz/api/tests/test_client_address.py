"""The client address (TRUSTED_PROXIES) behind rate limits and lock-outs (issue 9 items 1, 2)."""

import re
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory, override_settings
from rest_framework.test import APIClient

from forms.models import FormSubmission
from localbzz.net import client_ip
from localbzz.testing import fresh_ip

ROOT = Path(__file__).resolve().parents[3]
BODY = {"contact_name": "Pat", "email": "pat@example.com", "business_name": "Pies"}


def request(remote="203.0.113.9", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, None, "203.0.113.9"),
        (0, "1.2.3.4", "203.0.113.9"),  # no proxy: the header is anyone's to send
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "1.2.3.4, 198.51.100.7", "198.51.100.7"),  # the client's own entries are ignored
        (2, "1.2.3.4, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (1, None, "203.0.113.9"),  # not through the proxy (a health check)
        (2, "198.51.100.7", "203.0.113.9"),  # fewer entries than proxies
        (1, "not-an-address", "203.0.113.9"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_client_ip_reads_the_entry_the_trusted_proxy_wrote(proxies, forwarded, expected):
    with override_settings(TRUSTED_PROXIES=proxies):
        assert client_ip(request(forwarded=forwarded)) == expected


def test_twelve_public_form_posts_with_varied_forwarded_for_hit_the_ten_per_hour_limit(db):
    """The default rate (10/hour): a client that varies X-Forwarded-For is still one client."""
    ip = fresh_ip()
    statuses = [
        APIClient(REMOTE_ADDR=ip)
        .post("/api/form-submissions", BODY, format="json", HTTP_X_FORWARDED_FOR=f"10.9.8.{n}")
        .status_code
        for n in range(12)
    ]
    assert statuses == [201] * 10 + [429, 429]
    assert FormSubmission.objects.count() == 10


@override_settings(TRUSTED_PROXIES=1)
def test_behind_the_proxy_only_the_proxys_entry_counts(db):
    client_address = fresh_ip()
    statuses = [
        APIClient(REMOTE_ADDR="172.18.0.5")  # nginx
        .post(
            "/api/form-submissions",
            BODY,
            format="json",
            HTTP_X_FORWARDED_FOR=f"10.9.8.{n}, {client_address}",
        )
        .status_code
        for n in range(11)
    ]
    assert statuses == [201] * 10 + [429]
    # Another client behind the same proxy has its own count.
    other = APIClient(REMOTE_ADDR="172.18.0.5").post(
        "/api/form-submissions", BODY, format="json", HTTP_X_FORWARDED_FOR=fresh_ip()
    )
    assert other.status_code == 201


@override_settings(TRUSTED_PROXIES=1)
def test_sign_in_failures_are_recorded_under_the_proxys_entry(team_user):
    client_address = fresh_ip()
    APIClient(REMOTE_ADDR="172.18.0.5").post(
        "/api/auth/token",
        {"email": team_user.email, "password": "wrong"},
        format="json",
        HTTP_X_FORWARDED_FOR=f"6.6.6.6, {client_address}",
    )
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address) == (team_user.email, client_address)


def test_nginx_sends_the_peer_address_alone_and_compose_trusts_one_proxy():
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert re.search(r"proxy_set_header X-Forwarded-For \$remote_addr;", nginx)
    assert "$proxy_add_x_forwarded_for" not in nginx
    compose = (ROOT / "docker-compose.yml").read_text()
    assert re.search(r"TRUSTED_PROXIES: \$\{TRUSTED_PROXIES:-1\}", compose)
