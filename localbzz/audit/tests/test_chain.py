"""The audit trail: chained entries, verification catching an edited and a deleted entry,
security facts recorded (sign-ins, tokens, key use), ``GET /api/audit`` (issue 14)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from clients.models import ClientStatus
from clients.services import client_set_status
from clients.tests.factories import make_client
from localbzz.accounts.api_keys import api_key_create
from localbzz.accounts.tests.mfa_helpers import current_code, enrol
from localbzz.audit.models import AuditEntry
from localbzz.audit.trail import record, verify
from localbzz.testing import fresh_ip

pytestmark = pytest.mark.django_db


def some_entries(admin_user, n=4):
    for i in range(n):
        record("test.fact", actor=admin_user, object_id=str(i), detail={"n": i})
    return list(AuditEntry.objects.order_by("id"))


def test_entries_are_chained(admin_user):
    entries = some_entries(admin_user)
    assert entries[0].prev_hash == "" or entries[0].prev_hash
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.hash
    assert verify() is None
    call_command("verify_audit")


def test_an_edited_entry_is_caught(admin_user):
    entries = some_entries(admin_user)
    AuditEntry.objects.filter(pk=entries[1].pk).update(action="test.other")
    broken = verify()
    assert broken.entry_id == entries[1].pk
    assert "changed" in broken.reason
    with pytest.raises(CommandError, match=f"#{entries[1].pk}"):
        call_command("verify_audit")


def test_edited_details_are_caught(admin_user):
    entries = some_entries(admin_user)
    AuditEntry.objects.filter(pk=entries[2].pk).update(detail={"n": 99})
    assert verify().entry_id == entries[2].pk


def test_a_recomputed_hash_without_the_key_is_caught(admin_user):
    import hashlib

    entries = some_entries(admin_user)
    AuditEntry.objects.filter(pk=entries[1].pk).update(hash=hashlib.sha256(b"x").hexdigest())
    assert verify().entry_id == entries[1].pk


def test_a_deleted_entry_is_caught(admin_user):
    entries = some_entries(admin_user)
    AuditEntry.objects.filter(pk=entries[2].pk).delete()
    broken = verify()
    assert broken.entry_id == entries[3].pk
    assert "missing" in broken.reason


def test_the_page_reports_the_first_broken_link(client, admin_user):
    entries = some_entries(admin_user)
    client.force_login(admin_user)
    assert "The chain holds" in client.get("/audit/", {"verify": "1"}).content.decode()
    AuditEntry.objects.filter(pk=entries[1].pk).delete()
    page = client.get("/audit/", {"verify": "1"}).content.decode()
    assert f"broken at entry #{entries[2].pk}" in page


def test_service_changes_are_entries_with_before_after_and_request(client, admin_user):
    target = make_client(status=ClientStatus.PITCHING)
    client_set_status(client=target, status=ClientStatus.ACTIVE, actor=admin_user)
    entry = AuditEntry.objects.filter(action="client.status_changed").get()
    assert entry.actor_label == admin_user.email
    assert entry.object_id == str(target.pk)
    assert entry.surface == "job"  # no request: a job or a command
    api = APIClient(REMOTE_ADDR="198.51.100.7")
    api.force_authenticate(admin_user)
    api.patch(f"/api/clients/{target.pk}", {"notes": "x"}, format="json", HTTP_X_REQUEST_ID="r-1")
    entry = AuditEntry.objects.filter(action="client.updated").latest("id")
    assert (entry.surface, entry.ip, entry.request_id) == ("api", "198.51.100.7", "r-1")
    assert entry.detail["changes"]["notes"]["to"] == "x"


def test_sign_ins_tokens_and_sign_outs_are_recorded(client, admin_user, password):
    device = enrol(admin_user)
    api = APIClient(REMOTE_ADDR=fresh_ip())
    bad = api.post("/api/auth/token", {"email": admin_user.email, "password": "nope"})
    assert bad.status_code == 401
    body = {"email": admin_user.email, "password": password, "otp": current_code(device)}
    pair = api.post("/api/auth/token", body).json()
    api.post("/api/auth/token/refresh", {"refresh": pair["refresh"]})
    api.post("/api/auth/logout", {"refresh": pair["refresh"]})
    client.post("/accounts/login/", {"username": admin_user.email, "password": password})
    client.post("/accounts/logout/")
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    for action in (
        "auth.sign_in_failed",
        "auth.token_issued",
        "auth.token_refreshed",
        "auth.signed_in",
        "auth.signed_out",
    ):
        assert action in actions, actions
    failed = AuditEntry.objects.get(action="auth.sign_in_failed")
    assert failed.actor_label == admin_user.email
    assert "nope" not in str(failed.detail)
    assert verify() is None


def test_api_key_use_is_recorded_once_a_day(admin_user):
    _, raw = api_key_create(actor=admin_user, name="Zap")
    for _ in range(3):
        api = APIClient(REMOTE_ADDR=fresh_ip())
        api.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
        assert api.get("/api/auth/me").status_code == 200
    assert AuditEntry.objects.filter(action="api_key.used").count() == 1


def test_secrets_are_redacted(admin_user):
    entry = record("test.fact", detail={"secret": "whsec_x", "nested": {"password": "p"}})
    assert entry.detail == {"secret": "[redacted]", "nested": {"password": "[redacted]"}}


def test_api_lists_and_filters(admin_user):
    some_entries(admin_user, 3)
    record("auth.signed_in", actor=admin_user)
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(admin_user)
    body = api.get("/api/audit", {"type": "auth."}).json()
    assert [r["action"] for r in body["results"]] == ["auth.signed_in"]
    assert body["results"][0]["hash"]
    bad = api.get("/api/audit", {"since": "not-a-date"})
    assert bad.status_code == 400
    assert "since" in bad.json()["error"]["details"]


def test_api_list_runs_constant_queries(admin_user, django_assert_num_queries):
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(admin_user)
    some_entries(admin_user, 2)
    with django_assert_num_queries(1) as few:
        api.get("/api/audit")
    some_entries(admin_user, 20)
    with django_assert_num_queries(len(few.captured_queries)):
        api.get("/api/audit")
