"""Password-reset e-mails: canonical links and limits (issue 9 item 4), dashboard and portal."""

import re
import uuid

import pytest
from django.core import mail
from django.test import Client, override_settings

from localbzz.accounts import reset_limits
from localbzz.testing import fresh_ip
from portal.services import portal_base_url


@pytest.fixture(autouse=True)
def _fresh_counters(monkeypatch):
    # Counters of this test only: clearing the cache would wipe other xdist workers' counters
    # when the cache is a shared Redis.
    monkeypatch.setattr(reset_limits, "PREFIX", f"pwreset-{uuid.uuid4().hex}")


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


@override_settings(ALLOWED_HOSTS=["*"], SITE_URL="https://app.localbzz.example")
def test_dashboard_reset_link_ignores_a_forged_host_header(team_user):
    browser = Client(REMOTE_ADDR=fresh_ip())
    response = browser.post(
        "/accounts/password-reset/", {"email": team_user.email}, HTTP_HOST="evil.example"
    )
    assert response.status_code == 302
    (link,) = links(mail.outbox[0])
    assert link.startswith("https://app.localbzz.example/accounts/reset/")
    assert "evil" not in mail.outbox[0].body


@override_settings(PORTAL_PUBLIC_SCHEME="https", PORTAL_PUBLIC_PORT="")
def test_portal_reset_link_is_the_portals_canonical_address_whatever_the_request_says(
    client_a, client_a_user
):
    browser = Client(REMOTE_ADDR=fresh_ip())
    response = browser.post(
        "/password-reset/",
        {"email": client_a_user.email},
        HTTP_HOST="acme.localhost:6666",
        SERVER_PORT="6666",
        HTTP_X_FORWARDED_PORT="6666",
    )
    assert response.status_code == 200
    (link,) = links(mail.outbox[0])
    assert portal_base_url(client_a) == "https://acme.localhost"
    assert link.startswith("https://acme.localhost/set-password/")


@override_settings(PASSWORD_RESET_LIMIT_PER_ADDRESS=3, PASSWORD_RESET_LIMIT_PER_ACCOUNT=100)
def test_resets_are_limited_per_address_with_429(db):
    browser = Client(REMOTE_ADDR=fresh_ip())
    statuses = [
        browser.post("/accounts/password-reset/", {"email": f"n{n}@example.com"}).status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    page = browser.post("/accounts/password-reset/", {"email": "x@example.com"})
    assert page.status_code == 429
    assert b"Too many reset requests" in page.content
    assert int(page["Retry-After"]) > 0
    # Another address is not concerned.
    other = Client(REMOTE_ADDR=fresh_ip())
    assert other.post("/accounts/password-reset/", {"email": "y@example.com"}).status_code == 302


@override_settings(PASSWORD_RESET_LIMIT_PER_ACCOUNT=2)
def test_resets_are_limited_per_account_silently(team_user):
    for _ in range(4):  # from four addresses: the account's limit still holds
        response = Client(REMOTE_ADDR=fresh_ip()).post(
            "/accounts/password-reset/", {"email": team_user.email.upper()}
        )
        assert response.status_code == 302  # the same answer every time: nothing to learn
    assert len(mail.outbox) == 2


@override_settings(PASSWORD_RESET_LIMIT_PER_ADDRESS=2)
def test_portal_resets_are_limited_per_address(client_a_user):
    browser = Client(REMOTE_ADDR=fresh_ip())
    statuses = [
        browser.post(
            "/password-reset/", {"email": client_a_user.email}, HTTP_HOST="acme.localhost"
        ).status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
    assert len(mail.outbox) == 2
