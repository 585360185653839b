"""Sensitive actions ask for the password (or a code) again when the last proof is older than
MFA_REAUTH_MINUTES: API keys, webhook secrets, GDPR export and erasure, passwords, MFA."""

import pytest
from django.test import Client

from localbzz.accounts import mfa
from localbzz.accounts.models import ApiKey
from localbzz.audit.models import AuditEntry
from localbzz.events import services as event_services
from localbzz.testing import fresh_ip

CONFIRM = "/accounts/confirm/?next="


def stale_admin(admin_user) -> Client:
    """An admin signed in (second factor passed) longer ago than MFA_REAUTH_MINUTES."""
    browser = Client(REMOTE_ADDR=fresh_ip())
    browser.force_login(admin_user)
    session = browser.session
    session[mfa.SESSION_KEY] = {**session[mfa.SESSION_KEY], "auth_at": 0}
    session.save()
    return browser


@pytest.fixture
def endpoint(admin_user):
    return event_services.webhook_endpoint_create(
        actor=admin_user, url="https://hooks.example.com/in", event_types=["client.updated"]
    )


def test_fresh_sign_in_counts_as_a_recent_proof(admin_user):
    browser = Client(REMOTE_ADDR=fresh_ip())
    browser.force_login(admin_user)
    assert browser.get("/admin/accounts/apikey/add/").status_code == 200


def test_creating_an_api_key_in_the_admin_asks_again(admin_user, password):
    browser = stale_admin(admin_user)
    asked = browser.get("/admin/accounts/apikey/add/")
    assert asked["Location"] == CONFIRM + "%2Fadmin%2Faccounts%2Fapikey%2Fadd%2F"
    browser.post("/accounts/confirm/", {"secret": password})
    form = browser.get("/admin/accounts/apikey/add/")
    assert form.status_code == 200
    created = browser.post(
        "/admin/accounts/apikey/add/",
        {
            "name": "CRM",
            "role": "team",
            "user": admin_user.pk,
            "expires_at_0": "",
            "expires_at_1": "",
        },
    )
    assert created.status_code == 302
    assert ApiKey.objects.filter(name="CRM").exists()


def test_rotating_a_webhook_secret_asks_again(admin_user, password, endpoint):
    browser = stale_admin(admin_user)
    before = endpoint.secret
    detail = f"/events/webhooks/{endpoint.pk}/"
    asked = browser.post(f"{detail}rotate/", HTTP_REFERER=f"http://testserver{detail}")
    assert asked["Location"].startswith(CONFIRM)
    endpoint.refresh_from_db()
    assert endpoint.secret == before
    browser.post("/accounts/confirm/", {"secret": password})
    assert browser.post(f"{detail}rotate/").status_code == 200
    endpoint.refresh_from_db()
    assert endpoint.secret != before


def test_gdpr_export_and_erase_ask_again_on_the_page_and_over_a_session_api_call(
    admin_user, team_user
):
    browser = stale_admin(admin_user)
    asked = browser.post("/audit/privacy/", {"action": "export", "export-email": team_user.email})
    assert asked["Location"].startswith(CONFIRM)
    api = browser.get(f"/api/privacy/export?email={team_user.email}")
    assert api.status_code == 403
    assert api.json()["error"]["code"] == "permission_denied"
    assert "confirm your password" in api.json()["error"]["message"]
    assert not AuditEntry.objects.filter(action="privacy.exported").exists()


def test_a_code_also_confirms_and_a_wrong_secret_counts_as_a_failed_sign_in(admin_user):
    browser = stale_admin(admin_user)
    device = mfa.totp_device(admin_user)
    from localbzz.accounts.tests.mfa_helpers import current_code

    wrong = browser.post("/accounts/confirm/", {"secret": "guess", "next": "/"})
    assert wrong.status_code == 200
    assert AuditEntry.objects.filter(action="auth.sign_in_failed").count() == 1
    ok = browser.post("/accounts/confirm/", {"secret": current_code(device), "next": "/"})
    assert ok["Location"] == "/"


def test_changing_a_users_e_mail_in_the_admin_asks_again(admin_user, team_user):
    browser = stale_admin(admin_user)
    page = f"/admin/accounts/user/{team_user.pk}/change/"
    asked = browser.post(page, {"email": "someone.else@localbzz.test"}, HTTP_REFERER=page)
    assert asked.status_code == 302
    assert asked["Location"].startswith(CONFIRM)
    team_user.refresh_from_db()
    assert team_user.email != "someone.else@localbzz.test"
    # the same e-mail (any other field) is not asked about
    same = browser.post(page, {"email": team_user.email.upper()}, HTTP_REFERER=page)
    assert not same.get("Location", "").startswith(CONFIRM)
