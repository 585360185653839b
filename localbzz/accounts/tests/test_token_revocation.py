"""Old tokens stop working after a password change, a reset or a deactivation (issue 9 item 3).

Each test signs in through the API (a token pair), does the change through a real surface,
then uses the old access token (GET /api/auth/me) and the old refresh token through the API.
"""

import re

import pytest
from django.core import mail
from django.test import Client
from rest_framework.test import APIClient

from localbzz.testing import fresh_ip

NEW = "Brand-new-passphrase-77"


def sign_in(email, password) -> dict:
    response = APIClient(REMOTE_ADDR=fresh_ip()).post(
        "/api/auth/token", {"email": email, "password": password}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def assert_refused(pair: dict) -> None:
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {pair['access']}")
    me = api.get("/api/auth/me")
    assert me.status_code == 401, me.content
    assert me.json()["error"]["code"] == "not_authenticated"
    api.credentials()
    refreshed = api.post("/api/auth/token/refresh", {"refresh": pair["refresh"]}, format="json")
    assert refreshed.status_code == 401, refreshed.content
    assert set(refreshed.json()["error"]) == {"code", "message", "details", "request_id"}


def assert_works(pair: dict) -> None:
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {pair['access']}")
    assert api.get("/api/auth/me").status_code == 200


def test_tokens_work_until_something_changes(team_user, password):
    assert_works(sign_in(team_user.email, password))


def test_portal_password_change_ends_old_tokens(client, client_a_user, password):
    pair = sign_in(client_a_user.email, password)
    client.force_login(client_a_user)
    response = client.post(
        "/account/",
        {
            "action": "password",
            "old_password": password,
            "new_password1": NEW,
            "new_password2": NEW,
        },
        HTTP_HOST="acme.localhost",
    )
    assert response.status_code == 302
    assert_refused(pair)
    assert_works(sign_in(client_a_user.email, NEW))


def test_dashboard_password_reset_ends_old_tokens(team_user, password):
    pair = sign_in(team_user.email, password)
    browser = Client(REMOTE_ADDR=fresh_ip())
    browser.post("/accounts/password-reset/", {"email": team_user.email})
    link = re.search(r"https?://\S+?(/accounts/reset/\S+)", mail.outbox[-1].body).group(1)
    form_url = browser.get(link)["Location"]
    response = browser.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    assert_refused(pair)


def test_portal_password_reset_ends_old_tokens(client_a_user, password):
    pair = sign_in(client_a_user.email, password)
    browser = Client(REMOTE_ADDR=fresh_ip())
    browser.post("/password-reset/", {"email": client_a_user.email}, HTTP_HOST="acme.localhost")
    path = re.search(r"https?://[^/\s]+(/set-password/\S+/)", mail.outbox[-1].body).group(1)
    page = browser.get(path, HTTP_HOST="acme.localhost", follow=True)
    response = browser.post(
        page.redirect_chain[-1][0],
        {"new_password1": NEW, "new_password2": NEW},
        HTTP_HOST="acme.localhost",
    )
    assert response.status_code == 302
    assert_refused(pair)


@pytest.mark.parametrize("change", ["password", "deactivate"])
def test_admin_changes_through_the_api_end_old_tokens(admin_user, team_user, password, change):
    pair = sign_in(team_user.email, password)
    admin = APIClient(REMOTE_ADDR=fresh_ip())
    admin.force_authenticate(admin_user)
    body = {"password": NEW} if change == "password" else {"is_active": False}
    response = admin.patch(f"/api/users/{team_user.pk}", body, format="json")
    assert response.status_code == 200, response.content
    assert_refused(pair)


def test_deleted_users_refresh_token_is_refused_not_a_500(admin_user, team_user, password):
    pair = sign_in(team_user.email, password)
    admin = APIClient(REMOTE_ADDR=fresh_ip())
    admin.force_authenticate(admin_user)
    assert admin.delete(f"/api/users/{team_user.pk}").status_code == 204
    assert_refused(pair)


def test_a_refresh_token_rotated_before_the_change_is_refused_too(team_user, password):
    """Rotation does not keep a stolen refresh token alive past a password change."""
    first = sign_in(team_user.email, password)
    api = APIClient(REMOTE_ADDR=fresh_ip())
    rotated = api.post("/api/auth/token/refresh", {"refresh": first["refresh"]}, format="json")
    assert rotated.status_code == 200
    team_user.set_password(NEW)
    team_user.save()
    assert_refused(rotated.json())


def test_the_live_streams_token_check_refuses_a_token_from_before_a_password_change(
    team_user, password
):
    """/ws/live/?token= authenticates with user_for_access_token: the API's checks."""
    from localbzz.api.authentication import user_for_access_token

    pair = sign_in(team_user.email, password)
    assert user_for_access_token(pair["access"]) == team_user
    assert user_for_access_token(pair["refresh"]) is None  # not an access token
    team_user.set_password(NEW)
    team_user.save()
    assert user_for_access_token(pair["access"]) is None
    assert user_for_access_token("not-a-jwt") is None
