"""API keys: issued by admins, shown once, hashed at rest, used, revoked, expired (issue 14)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from localbzz.accounts.api_keys import api_key_create, hash_key
from localbzz.accounts.models import ApiKey, Role
from localbzz.accounts.tests.factories import make_user
from localbzz.api.authentication import forget
from localbzz.testing import fresh_ip

pytestmark = pytest.mark.django_db


def jwt_client(user) -> APIClient:
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    return api


def key_client(raw: str, ip: str | None = None) -> APIClient:
    api = APIClient(REMOTE_ADDR=ip or fresh_ip())
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    return api


def create(admin, **body):
    response = jwt_client(admin).post("/api/api-keys", {"name": "Zapier", **body}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_life_cycle_create_use_revoke(admin_user):
    made = create(admin_user, role="team")
    raw = made["key"]
    assert raw.startswith("lbz_")
    assert made["prefix"] in raw
    stored = ApiKey.objects.get(pk=made["id"])
    assert stored.key_hash == hash_key(raw)
    assert raw not in str(stored.__dict__)

    listed = jwt_client(admin_user).get("/api/api-keys").json()["results"]
    assert [k["id"] for k in listed] == [made["id"]]
    assert "key" not in listed[0]  # shown once

    api = key_client(raw, ip="203.0.113.9")
    me = api.get("/api/auth/me")
    assert me.status_code == 200
    assert me.json()["role"] == "team"
    assert api.get("/api/users").status_code == 403  # a team key cannot manage users
    stored.refresh_from_db()
    assert stored.last_used_ip == "203.0.113.9"
    assert stored.last_used_at is not None

    assert jwt_client(admin_user).delete(f"/api/api-keys/{made['id']}").status_code == 204
    refused = api.get("/api/auth/me")
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "not_authenticated"
    assert ApiKey.objects.get(pk=made["id"]).revoked_at is not None


def test_admin_key_acts_as_admin(admin_user):
    raw = create(admin_user, role="admin")["key"]
    assert key_client(raw).get("/api/users").status_code == 200


def test_expired_key_is_refused(admin_user):
    soon = timezone.now() + timedelta(hours=1)
    made = create(admin_user, expires_at=soon.isoformat())
    assert key_client(made["key"]).get("/api/auth/me").status_code == 200
    ApiKey.objects.filter(pk=made["id"]).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert key_client(made["key"]).get("/api/auth/me").status_code == 401


@pytest.mark.parametrize(
    "header",
    ["Api-Key lbz_nothing_here", "Api-Key", "Api-Key a b", "Api-Key " + "x" * 5000],
)
def test_unknown_or_malformed_keys_are_401(db, header):
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.credentials(HTTP_AUTHORIZATION=header)
    response = api.get("/api/auth/me")
    assert response.status_code == 401
    assert set(response.json()["error"]) == {"code", "message", "details", "request_id"}


def test_deactivating_the_user_revokes_its_keys(admin_user):
    owner = make_user(Role.TEAM)
    key, raw = api_key_create(actor=admin_user, name="CI", user=owner)
    assert key_client(raw).get("/api/auth/me").status_code == 200
    owner.is_active = False
    owner.save()
    forget(owner.pk)
    assert ApiKey.objects.get(pk=key.pk).revoked_at is not None
    assert key_client(raw).get("/api/auth/me").status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"role": "admin", "user": "TEAM"}, "role"),  # more rights than its user
        ({"user": "CLIENT"}, "user"),
        ({"expires_at": "2000-01-01T00:00:00Z"}, "expires_at"),
        ({"role": "client"}, "role"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_creates_are_400(admin_user, team_user, client_a_user, body, field):
    users = {"TEAM": str(team_user.pk), "CLIENT": str(client_a_user.pk)}
    body = {k: users.get(v, v) for k, v in body.items()}
    response = jwt_client(admin_user).post("/api/api-keys", {"name": "K", **body}, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["details"]
    assert not ApiKey.objects.exists()


def test_list_runs_constant_queries(admin_user, django_assert_num_queries):
    for n in range(3):
        api_key_create(actor=admin_user, name=f"K{n}")
    api = jwt_client(admin_user)
    api.get("/api/api-keys")  # warm the JWT user cache
    with django_assert_num_queries(1):  # a short page: no COUNT
        assert len(api.get("/api/api-keys").json()["results"]) == 3


def test_admin_screen_creates_shows_once_and_revokes(client, admin_user, team_user):
    client.force_login(admin_user)
    response = client.post(
        "/admin/accounts/apikey/add/",
        {"name": "Make.com", "role": "team", "user": str(team_user.pk)},
        follow=True,
    )
    assert response.status_code == 200
    key = ApiKey.objects.get(name="Make.com")
    shown = [str(m) for m in response.context["messages"]]
    raw = next(m.split(": ")[-1] for m in shown if "shown this once" in m)
    assert key.key_hash == hash_key(raw)
    assert key_client(raw).get("/api/auth/me").status_code == 200
    client.post(
        "/admin/accounts/apikey/",
        {"action": "revoke", "_selected_action": [str(key.pk)]},
    )
    assert key_client(raw).get("/api/auth/me").status_code == 401


def test_admin_screen_refuses_a_key_above_its_user(client, admin_user, team_user):
    client.force_login(admin_user)
    response = client.post(
        "/admin/accounts/apikey/add/", {"name": "X", "role": "admin", "user": str(team_user.pk)}
    )
    assert response.status_code == 200
    assert "more rights than its user" in response.content.decode()
    assert not ApiKey.objects.exists()
