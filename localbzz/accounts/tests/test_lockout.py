"""Failed sign-ins count per account and address together, on every sign-in surface.

Issue 9 item 1: the API sent ``email`` while django-axes read ``username``, so every API
failure landed in one ``(None, address)`` bucket and five wrong passwords for random
e-mails locked every API sign-in from that address.
"""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from rest_framework.test import APIClient

from localbzz.testing import fresh_ip


def token(ip, email, password, **extra):
    return APIClient(REMOTE_ADDR=ip).post(
        "/api/auth/token", {"email": email, "password": password}, format="json", **extra
    )


def dashboard_sign_in(ip, email, password):
    browser = Client(REMOTE_ADDR=ip)
    return browser, browser.post("/accounts/login/", {"username": email, "password": password})


def test_twenty_failures_for_other_accounts_do_not_lock_out_a_real_account_on_the_api(
    team_user, password
):
    ip = fresh_ip()
    for n in range(20):
        assert token(ip, f"nobody{n}@example.com", "wrong-password").status_code == 401
    response = token(ip, team_user.email, password)
    assert response.status_code == 200, response.content
    assert set(response.json()) == {"access", "refresh"}


def test_twenty_failures_for_other_accounts_do_not_lock_out_the_dashboard(team_user, password):
    ip = fresh_ip()
    for n in range(20):
        dashboard_sign_in(ip, f"nobody{n}@example.com", "wrong-password")
    browser, response = dashboard_sign_in(ip, team_user.email, password)
    assert response.status_code == 302
    assert browser.session["_auth_user_id"] == str(team_user.pk)


def test_five_failures_lock_that_account_only_with_429_retry_after_and_the_error_body(
    team_user, admin_user, password
):
    ip = fresh_ip()
    for _ in range(5):
        assert token(ip, team_user.email.upper(), "wrong-password").status_code in (401, 429)
    locked = token(ip, team_user.email, password)
    assert locked.status_code == 429
    error = locked.json()["error"]
    assert set(error) == {"code", "message", "details", "request_id"}
    assert error["code"] == "throttled"
    assert 1 <= int(locked["Retry-After"]) <= 15 * 60
    assert error["details"]["retry_after"] == int(locked["Retry-After"])
    # Another account from the same address, and the same account from another address.
    other = token(ip, admin_user.email, password)  # the password passes; the admin's code is due
    assert other.status_code == 401
    assert "otp" in other.json()["error"]["details"]
    assert token(fresh_ip(), team_user.email, password).status_code == 200


def test_failures_are_stored_per_email_not_under_an_empty_username(team_user):
    ip = fresh_ip()
    token(ip, "Someone@Example.com", "wrong-password")
    token(ip, team_user.email, "wrong-password")
    usernames = set(AccessAttempt.objects.filter(ip_address=ip).values_list("username", flat=True))
    assert usernames == {"someone@example.com", team_user.email}


def test_an_account_locked_on_the_dashboard_gets_no_api_token(team_user, password):
    ip = fresh_ip()
    for _ in range(5):
        dashboard_sign_in(ip, team_user.email, "wrong-password")
    _, page = dashboard_sign_in(ip, team_user.email, password)
    assert page.status_code == 429
    refused = token(ip, team_user.email, password)
    assert refused.status_code == 429
    assert "access" not in refused.json()


def test_an_account_locked_on_the_api_is_locked_on_the_portal_and_the_admin(
    client_a_user, admin_user, password
):
    ip = fresh_ip()
    for _ in range(5):
        token(ip, client_a_user.email, "wrong-password")
        token(ip, admin_user.email, "wrong-password")
    portal = Client(REMOTE_ADDR=ip).post(
        "/sign-in/",
        {"username": client_a_user.email, "password": password},
        HTTP_HOST="acme.localhost",
    )
    assert portal.status_code == 429
    admin = Client(REMOTE_ADDR=ip)
    response = admin.post(
        "/admin/login/?next=/admin/", {"username": admin_user.email, "password": password}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in admin.session


@pytest.mark.parametrize("email", ["x" * 300 + "@example.com", "a\x00b@example.com", 12345])
def test_odd_logins_answer_400_or_401_never_500(db, email):
    response = token(fresh_ip(), email, "wrong-password")
    assert response.status_code in (400, 401)
    assert set(response.json()["error"]) == {"code", "message", "details", "request_id"}
