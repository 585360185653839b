"""User writes emit events, through the API and the admin alike (issue 9 item 18).

The audit log reads these events; no password and no hash is ever in one.
"""

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from localbzz.accounts.models import Role, User
from localbzz.events.models import Event
from localbzz.events.types import event_types
from localbzz.testing import fresh_ip

SECRET = "Plenty-of-entropy-here-99"


@pytest.fixture
def api(admin_user):
    client = APIClient(REMOTE_ADDR=fresh_ip())
    client.force_authenticate(admin_user)
    return client


@pytest.fixture
def admin_browser(client, admin_user):
    client.force_login(admin_user)
    return client


def events_of(user_id) -> list[Event]:
    return list(Event.objects.filter(object_id=str(user_id)).order_by("occurred_at", "pk"))


def assert_no_secret(event: Event, user: User | None = None) -> None:
    text = json.dumps(event.data)
    assert SECRET not in text
    for hasher in ("pbkdf2", "argon2", "md5$"):
        assert hasher not in text
    if user is not None:
        assert user.password not in text


def test_api_create_update_delete_emit_user_events_without_secrets(api, admin_user):
    created = api.post(
        "/api/users", {"email": "ev@x.test", "password": SECRET, "role": "team"}, format="json"
    )
    assert created.status_code == 201, created.content
    user = User.objects.get(email="ev@x.test")
    body = {"full_name": "Eve", "password": SECRET + "!"}
    api.patch(f"/api/users/{user.pk}", body, format="json")
    user.refresh_from_db()
    assert api.delete(f"/api/users/{user.pk}").status_code == 204
    events = events_of(user.pk)
    assert [e.type for e in events] == ["user.created", "user.updated", "user.deleted"]
    assert {e.actor_id for e in events} == {admin_user.pk}
    updated = events[1].data
    assert updated["changes"]["full_name"] == {"from": "", "to": "Eve"}
    assert updated["changes"]["password"] == {"changed": True}
    assert updated["object"]["email"] == "ev@x.test"
    for event in events:
        assert "password" not in event.data["object"]
        assert_no_secret(event, user)
        assert event.client_id is None
        assert not event.client_visible


def test_user_types_are_audit_only_not_offered_to_webhooks():
    assert not {"user.created", "user.updated", "user.deleted"} & set(event_types())


def test_admin_add_change_password_and_delete_emit_user_events(admin_browser, admin_user):
    response = admin_browser.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "adm@x.test",
            "full_name": "",
            "role": Role.TEAM,
            "client": "",
            "team_member": "",
            "usable_password": "true",
            "password1": SECRET,
            "password2": SECRET,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    user = User.objects.get(email="adm@x.test")
    assert user.check_password(SECRET)
    change = reverse("admin:accounts_user_change", args=[user.pk])
    page = admin_browser.get(change)
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        {
            "email": user.email,
            "full_name": "Adam",
            "role": Role.TEAM,
            "client": "",
            "team_member": "",
            "is_active": "on",
            "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
            "groups": [],
            "user_permissions": [],
        }
    )
    assert admin_browser.post(change, data).status_code == 302
    password = reverse("admin:auth_user_password_change", args=[user.pk]).replace(
        "auth/user", "accounts/user"
    )
    new = SECRET + "-2"
    response = admin_browser.post(
        password, {"password1": new, "password2": new, "usable_password": "true"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    delete = reverse("admin:accounts_user_delete", args=[user.pk])
    assert admin_browser.post(delete, {"post": "yes"}).status_code == 302
    events = events_of(user.pk)
    expected = ["user.created", "user.updated", "user.updated", "user.deleted"]
    assert [e.type for e in events] == expected
    assert events[1].data["changes"]["full_name"] == {"from": "", "to": "Adam"}
    assert events[2].data["changes"] == {"password": {"changed": True}}
    assert {e.actor_id for e in events} == {admin_user.pk}
    for event in events:
        assert_no_secret(event, user)


def test_admin_bulk_delete_emits_one_event_per_user(admin_browser, team_user, client_a_user):
    response = admin_browser.post(
        reverse("admin:accounts_user_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [team_user.pk, client_a_user.pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk__in=[team_user.pk, client_a_user.pk]).exists()
    deleted = Event.objects.filter(type="user.deleted").values_list("object_id", flat=True)
    assert set(deleted) == {str(team_user.pk), str(client_a_user.pk)}
