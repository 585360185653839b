"""JWT life cycle and user management through the API."""

from datetime import timedelta

from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from localbzz.accounts.models import Role, User
from localbzz.testing import fresh_ip


def obtain(email, password):
    return APIClient(REMOTE_ADDR=fresh_ip()).post(
        "/api/auth/token", {"email": email, "password": password}, format="json"
    )


def bearer(token):
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return api


def test_token_pair_for_right_password_and_me_answers_who_i_am(team_user, password):
    response = obtain("TEAM@test.localbzz", password)
    assert response.status_code == 200
    pair = response.json()
    assert set(pair) == {"access", "refresh"}
    me = bearer(pair["access"]).get("/api/auth/me")
    assert me.status_code == 200
    assert me.json()["email"] == "team@test.localbzz"
    assert me.json()["role"] == "team"


def test_wrong_password_answers_401_in_the_error_body(team_user):
    response = obtain(team_user.email, "nope-nope-nope")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_access_tokens_are_short_lived(team_user, password):
    access = AccessToken(obtain(team_user.email, password).json()["access"])
    lifetime = access["exp"] - access["iat"]
    assert lifetime <= timedelta(minutes=15).total_seconds()


def test_refresh_rotates_and_a_used_refresh_token_is_refused(team_user, password):
    pair = obtain(team_user.email, password).json()
    api = APIClient(REMOTE_ADDR=fresh_ip())
    first = api.post("/api/auth/token/refresh", {"refresh": pair["refresh"]}, format="json")
    assert first.status_code == 200
    new_pair = first.json()
    assert new_pair["refresh"] != pair["refresh"]
    again = api.post("/api/auth/token/refresh", {"refresh": pair["refresh"]}, format="json")
    assert again.status_code == 401
    assert again.json()["error"]["code"] == "not_authenticated"
    ok = api.post("/api/auth/token/refresh", {"refresh": new_pair["refresh"]}, format="json")
    assert ok.status_code == 200


def test_logout_blacklists_the_refresh_token(team_user, password):
    pair = obtain(team_user.email, password).json()
    api = APIClient(REMOTE_ADDR=fresh_ip())
    assert (
        api.post("/api/auth/logout", {"refresh": pair["refresh"]}, format="json").status_code == 204
    )
    refused = api.post("/api/auth/token/refresh", {"refresh": pair["refresh"]}, format="json")
    assert refused.status_code == 401


def test_expired_or_forged_access_token_answers_401(team_user):
    response = bearer("not.a.token").get("/api/auth/me")
    assert response.status_code == 401
    assert set(response.json()["error"]) == {"code", "message", "details", "request_id"}
    assert "WWW-Authenticate" in response


def test_inactive_user_gets_no_token(team_user, password):
    team_user.is_active = False
    team_user.save()
    assert obtain(team_user.email, password).status_code == 401


def test_admin_creates_a_client_user_who_can_then_sign_in(admin_user, client_a):
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(admin_user)
    body = {
        "email": "New.Owner@Acme.test",
        "password": "Plenty-of-entropy-here-99",
        "role": "client",
        "client": str(client_a.pk),
    }
    response = api.post("/api/users", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert "password" not in data
    assert data["email"] == "new.owner@acme.test"
    assert data["client"] == str(client_a.pk)
    assert obtain("new.owner@acme.test", "Plenty-of-entropy-here-99").status_code == 200


def test_weak_password_is_refused_with_field_details_and_nothing_written(admin_user):
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(admin_user)
    response = api.post(
        "/api/users", {"email": "weak@x.test", "password": "123", "role": "team"}, format="json"
    )
    assert response.status_code == 400
    assert "password" in response.json()["error"]["details"]
    assert not User.objects.filter(email="weak@x.test").exists()


def test_client_role_without_client_is_refused(admin_user):
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(admin_user)
    response = api.post(
        "/api/users",
        {"email": "c@x.test", "password": "Plenty-of-entropy-here-99", "role": "client"},
        format="json",
    )
    assert response.status_code == 400
    assert "client" in response.json()["error"]["details"]


def test_admin_changes_a_password_that_is_never_returned(admin_user, team_user, password):
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(admin_user)
    response = api.patch(
        f"/api/users/{team_user.pk}", {"password": "Another-long-secret-77"}, format="json"
    )
    assert response.status_code == 200
    assert "password" not in response.json()
    assert obtain(team_user.email, password).status_code == 401
    assert obtain(team_user.email, "Another-long-secret-77").status_code == 200


def test_team_user_cannot_list_or_create_users(team_user):
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(team_user)
    assert api.get("/api/users").status_code == 403
    response = api.post(
        "/api/users",
        {"email": "x@x.test", "password": "Plenty-of-entropy-here-99", "role": "admin"},
        format="json",
    )
    assert response.status_code == 403
    assert not User.objects.filter(email="x@x.test", role=Role.ADMIN).exists()
