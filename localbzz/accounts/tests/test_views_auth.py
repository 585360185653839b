"""Sign in, sign out, password reset, lock-out and the page headers of the dashboard."""

import re

import pytest
from django.core import mail
from django.test import override_settings


def test_team_member_signs_in_with_email_and_lands_on_home(client, team_user, password):
    response = client.post(
        "/accounts/login/", {"username": "TEAM@test.localbzz", "password": password}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_sign_in_returns_to_the_page_asked_for(client, team_user, password):
    response = client.post(
        "/accounts/login/?next=/tasks/",
        {"username": team_user.email, "password": password, "next": "/tasks/"},
    )
    assert response["Location"] == "/tasks/"


def test_wrong_password_shows_a_friendly_error_and_keeps_the_email(client, team_user):
    response = client.post("/accounts/login/", {"username": team_user.email, "password": "nope"})
    assert response.status_code == 200
    assert b"do not match" in response.content
    assert team_user.email.encode() in response.content
    assert "_auth_user_id" not in client.session


def test_client_user_cannot_sign_in_to_the_dashboard(client, client_a_user, password):
    response = client.post(
        "/accounts/login/", {"username": client_a_user.email, "password": password}
    )
    assert response.status_code == 200
    assert b"Clients use their own portal" in response.content
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account_out(client, team_user, password):
    for _ in range(3):
        client.post("/accounts/login/", {"username": team_user.email, "password": "bad"})
    response = client.post("/accounts/login/", {"username": team_user.email, "password": password})
    assert response.status_code == 429
    assert b"Too many sign-in attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_sign_out_is_a_post_and_ends_the_session(client, team_user):
    client.force_login(team_user)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_password_reset_mails_a_link_that_sets_a_new_password(client, team_user):
    response = client.post("/accounts/password-reset/", {"email": team_user.email})
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert len(mail.outbox) == 1
    # The link is on the canonical address (SITE_URL), not the request's Host (testserver).
    link = re.search(r"http://localhost:8000(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]  # Django swaps the token for a session marker
    new = "a-brand-new-passphrase-42"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response["Location"] == "/accounts/reset/done/"
    team_user.refresh_from_db()
    assert team_user.check_password(new)


def test_password_reset_for_unknown_email_says_the_same_and_sends_nothing(client, db):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.com"})
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert mail.outbox == []


def test_pages_forbid_other_hosts_with_a_content_security_policy(client, team_user):
    client.force_login(team_user)
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert "http:" not in csp
    assert "https:" not in csp
    assert "*" not in csp
    assert b"<script>" not in response.content  # no inline scripts anywhere
    assert b"http://" not in response.content.split(b"</head>")[0]
    assert b"https://" not in response.content.split(b"</head>")[0]


@pytest.mark.parametrize("role", ["team", "admin"])
def test_layout_loads_htmx_live_js_and_the_bell(client, team_user, admin_user, role):
    client.force_login(team_user if role == "team" else admin_user)
    html = client.get("/").content.decode()
    assert "/static/vendor/htmx/htmx.min.js" in html
    assert "/static/js/live.js" in html
    assert 'data-live-url="/ws/live/"' in html
    assert 'data-events-url="/api/events"' in html
    assert ('href="/admin/"' in html) is (role == "admin")
    assert ('href="/events/webhooks/"' in html) is (role == "admin")


def test_vendored_htmx_is_shipped_with_its_licence():
    from pathlib import Path

    root = Path(__file__).resolve().parents[3] / "static" / "vendor" / "htmx"
    assert (root / "htmx.min.js").stat().st_size > 10_000
    assert "BSD" in (root / "LICENSE").read_text() or "Zero" in (root / "LICENSE").read_text()
