"""Conditional GETs on the API: a weak ETag per user and body, 304 on If-None-Match, never
across users and never in place of a 401/403/404."""

import pytest
from rest_framework.test import APIClient

from clients.services import client_update
from localbzz.accounts.models import Role
from localbzz.accounts.tests.factories import make_user

pytestmark = pytest.mark.django_db


def _as(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.mark.parametrize("path", ["/api/clients/{id}", "/api/clients"])
def test_a_repeated_read_answers_304_with_no_body(admin_user, client_a, path):
    api = _as(admin_user)
    first = api.get(path.format(id=client_a.pk))
    assert first.status_code == 200
    tag = first["ETag"]
    assert tag.startswith('W/"')
    assert first["Cache-Control"] == "private, no-cache"
    assert "Authorization" in first["Vary"]
    assert "Cookie" in first["Vary"]
    again = api.get(path.format(id=client_a.pk), HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == tag


def test_a_change_gives_a_new_etag(admin_user, client_a):
    api = _as(admin_user)
    tag = api.get(f"/api/clients/{client_a.pk}")["ETag"]
    client_update(client=client_a, actor=admin_user, notes="changed")
    fresh = api.get(f"/api/clients/{client_a.pk}", HTTP_IF_NONE_MATCH=tag)
    assert fresh.status_code == 200
    assert fresh["ETag"] != tag


def test_another_users_etag_never_matches(admin_user, client_a):
    other_admin = make_user(Role.ADMIN, email="admin2@test.localbzz")
    tag = _as(admin_user).get(f"/api/clients/{client_a.pk}")["ETag"]
    # the same body for both admins, yet the tag is bound to the user who got it
    answer = _as(other_admin).get(f"/api/clients/{client_a.pk}", HTTP_IF_NONE_MATCH=tag)
    assert answer.status_code == 200
    assert answer.json()["id"] == str(client_a.pk)


def test_a_tag_never_turns_a_refusal_into_a_304(admin_user, client_a, client_b_user):
    tag = _as(admin_user).get(f"/api/clients/{client_a.pk}")["ETag"]
    hidden = _as(client_b_user).get(f"/api/clients/{client_a.pk}", HTTP_IF_NONE_MATCH=tag)
    assert hidden.status_code == 404
    assert not hidden.has_header("ETag")
    anonymous = APIClient().get(f"/api/clients/{client_a.pk}", HTTP_IF_NONE_MATCH=tag)
    assert anonymous.status_code == 401
    # even the wildcard, which matches any current representation
    star = _as(client_b_user).get(f"/api/clients/{client_a.pk}", HTTP_IF_NONE_MATCH="*")
    assert star.status_code == 404


def test_writes_get_no_etag(admin_user, client_a):
    answer = _as(admin_user).patch(
        f"/api/clients/{client_a.pk}", {"notes": "x"}, format="json", HTTP_IF_NONE_MATCH="*"
    )
    assert answer.status_code == 200
    assert not answer.has_header("ETag")
