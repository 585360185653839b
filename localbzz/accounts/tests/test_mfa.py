"""Two-factor sign-in: admins must enrol, team members may; the code comes after the
password on the dashboard, the Django admin and the API; recovery codes; lock-out."""

import re

import pytest
from django.db import connection
from django.test import Client, override_settings
from rest_framework.test import APIClient

from localbzz.accounts import mfa
from localbzz.accounts.otp import RecoveryCode, TotpDevice
from localbzz.accounts.tests.mfa_helpers import current_code, enrol
from localbzz.audit.models import AuditEntry
from localbzz.testing import fresh_ip


def password_sign_in(user, password, next_url="/"):
    browser = Client(REMOTE_ADDR=fresh_ip())
    response = browser.post(
        f"/accounts/login/?next={next_url}",
        {"username": user.email, "password": password, "next": next_url},
    )
    assert response.status_code == 302, response.content
    return browser


def actions(user) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_id=str(user.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


@pytest.mark.parametrize("path", ["/", "/clients/", "/admin/", "/audit/"])
def test_admin_without_a_device_is_sent_to_set_one_up_before_anything_else(
    admin_user, password, path
):
    browser = password_sign_in(admin_user, password)
    response = browser.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/mfa/setup/?next=")


def test_session_api_calls_of_an_unverified_admin_answer_401_with_the_error_body(
    admin_user, password
):
    browser = password_sign_in(admin_user, password)
    response = browser.get("/api/clients")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "mfa_required"


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_admin_enrols_with_the_qr_code_and_gets_ten_recovery_codes_once(admin_user, password):
    browser = password_sign_in(admin_user, password)
    page = browser.get("/accounts/mfa/setup/?next=/clients/")
    html = page.content.decode()
    assert "<svg" in html
    assert "data-manual-key" in html
    device = TotpDevice.objects.get(user=admin_user, confirmed=False)
    key = re.search(r"data-manual-key>([A-Z2-7 ]+)<", html).group(1).replace(" ", "")
    assert key
    assert key in mfa.manual_key(device).replace(" ", "")

    wrong = browser.post("/accounts/mfa/setup/", {"code": "000000", "next": "/clients/"})
    assert wrong.status_code == 200
    assert b"does not match" in wrong.content
    assert not TotpDevice.objects.filter(user=admin_user, confirmed=True).exists()

    done = browser.post("/accounts/mfa/setup/", {"code": current_code(device), "next": "/clients/"})
    codes = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", done.content.decode())
    assert len(set(codes)) == 10
    assert TotpDevice.objects.get(user=admin_user).confirmed
    assert browser.get("/clients/").status_code == 200
    assert {"mfa.enrolled", "mfa.recovery_codes_generated"} <= set(actions(admin_user))
    # only keyed hashes of the codes, only ciphertext of the secret are stored
    stored = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert len(stored) == 10
    assert not stored & set(codes)
    with connection.cursor() as cursor:
        cursor.execute("SELECT key FROM accounts_totpdevice")
        (raw,) = cursor.fetchone()
    assert device.key not in raw


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_sign_in_asks_for_the_code_after_the_password_and_refuses_a_replay(admin_user, password):
    device = enrol(admin_user)
    browser = password_sign_in(admin_user, password, "/clients/")
    response = browser.get("/clients/")
    assert response["Location"] == "/accounts/mfa/verify/?next=%2Fclients%2F"
    code = current_code(device)
    wrong = browser.post("/accounts/mfa/verify/", {"code": "123456", "next": "/clients/"})
    assert wrong.status_code == 200
    assert b"not right" in wrong.content
    ok = browser.post("/accounts/mfa/verify/", {"code": code, "next": "/clients/"})
    assert ok.status_code == 302
    assert ok["Location"] == "/clients/"
    assert browser.get("/clients/").status_code == 200
    assert "auth.mfa_verified" in actions(admin_user)

    again = password_sign_in(admin_user, password)
    replay = again.post("/accounts/mfa/verify/", {"code": code, "next": "/"})
    assert replay.status_code == 200  # a code is accepted once


def test_the_django_admin_honours_the_second_factor(admin_user, password):
    enrol(admin_user)
    browser = Client(REMOTE_ADDR=fresh_ip())
    body = {"username": admin_user.email, "password": password, "next": "/admin/"}
    browser.post("/admin/login/?next=/admin/", body)
    response = browser.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/mfa/verify/")


def test_a_recovery_code_signs_in_once_and_its_use_is_audited(admin_user, password):
    enrol(admin_user)
    codes = mfa.recovery_codes_regenerate(user=admin_user)
    browser = password_sign_in(admin_user, password)
    ok = browser.post("/accounts/mfa/verify/", {"code": codes[3].upper(), "next": "/"})
    assert ok.status_code == 302
    entry = AuditEntry.objects.get(action="mfa.recovery_code_used")
    assert entry.detail == {"codes_left": 9}
    other = password_sign_in(admin_user, password)
    assert other.post("/accounts/mfa/verify/", {"code": codes[3]}).status_code == 200


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0, AXES_FAILURE_LIMIT=5)
def test_five_wrong_codes_lock_the_account_out_from_that_address(admin_user, password):
    device = enrol(admin_user)
    ip = fresh_ip()
    browser = Client(REMOTE_ADDR=ip)
    browser.post("/accounts/login/", {"username": admin_user.email, "password": password})
    statuses = [
        browser.post("/accounts/mfa/verify/", {"code": f"{n:06d}"}).status_code for n in range(5)
    ]
    assert statuses[:4] == [200] * 4
    assert statuses[4] == 429
    assert browser.get("/clients/")["Location"].startswith("/accounts/login/")  # signed out
    # the password alone no longer gets in from there, nor does the right code
    retry = browser.post("/accounts/login/", {"username": admin_user.email, "password": password})
    assert retry.status_code in {403, 429}
    assert current_code(device)  # (the device itself is untouched)


def test_each_wrong_code_makes_the_device_wait_longer(admin_user):
    device = enrol(admin_user)
    assert not device.verify_token("000000")
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    allowed, _ = device.verify_is_allowed()
    assert not allowed  # 2^1 seconds before the next try
    assert not device.verify_token(current_code(device))


def test_team_members_sign_in_without_a_code_until_they_enrol(team_user, password):
    browser = password_sign_in(team_user, password)
    assert browser.get("/").status_code == 200
    setup = browser.get("/accounts/mfa/setup/")
    assert b"Admins sign in with a second factor" not in setup.content
    device = TotpDevice.objects.get(user=team_user)
    browser.post("/accounts/mfa/setup/", {"code": current_code(device)})
    assert browser.get("/").status_code == 200
    later = password_sign_in(team_user, password)
    assert later.get("/")["Location"].startswith("/accounts/mfa/verify/")


def token(user, password, **extra):
    body = {"email": user.email, "password": password, **extra}
    return APIClient(REMOTE_ADDR=fresh_ip()).post("/api/auth/token", body, format="json")


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_api_token_by_password_asks_for_the_otp_field(admin_user, team_user, password):
    no_device = token(admin_user, password)
    assert no_device.status_code == 401
    assert "otp" in no_device.json()["error"]["details"]
    device = enrol(admin_user)
    missing = token(admin_user, password)
    assert missing.status_code == 401
    error = missing.json()["error"]
    assert "`otp`" in error["message"]
    assert "otp" in error["details"]
    assert token(admin_user, password, otp="000000").status_code == 401
    ok = token(admin_user, password, otp=current_code(device))
    assert ok.status_code == 200
    assert set(ok.json()) == {"access", "refresh"}
    assert token(team_user, password).status_code == 200  # no device: no code


def test_removing_mfa_asks_for_the_password_again_when_the_last_proof_is_old(team_user, password):
    device = enrol(team_user)
    browser = Client(REMOTE_ADDR=fresh_ip())
    browser.force_login(team_user)
    session = browser.session
    session[mfa.SESSION_KEY] = {**session[mfa.SESSION_KEY], "auth_at": 0}
    session.save()
    asked = browser.post("/accounts/mfa/", {"action": "remove"})
    assert asked["Location"] == "/accounts/confirm/?next=%2Faccounts%2Fmfa%2F"
    assert TotpDevice.objects.filter(pk=device.pk).exists()
    refused = browser.post("/accounts/confirm/", {"secret": "wrong", "next": "/accounts/mfa/"})
    assert refused.status_code == 200
    confirmed = browser.post("/accounts/confirm/", {"secret": password, "next": "/accounts/mfa/"})
    assert confirmed["Location"] == "/accounts/mfa/"
    removed = browser.post("/accounts/mfa/", {"action": "remove"})
    assert removed.status_code == 302
    assert not TotpDevice.objects.filter(user=team_user).exists()
    assert {"auth.reauthenticated", "mfa.removed"} <= set(actions(team_user))
    assert browser.get("/").status_code == 200  # optional for a team member


def test_an_admin_who_removes_the_app_must_set_up_a_new_one(admin_user):
    browser = Client(REMOTE_ADDR=fresh_ip())
    browser.force_login(admin_user)
    assert browser.get("/accounts/mfa/").status_code == 200
    browser.post("/accounts/mfa/", {"action": "remove"})
    assert browser.get("/clients/")["Location"].startswith("/accounts/mfa/setup/")


@override_settings(OTP_STATIC_THROTTLE_FACTOR=0)
def test_new_recovery_codes_replace_the_old_ones(admin_user):
    browser = Client(REMOTE_ADDR=fresh_ip())
    browser.force_login(admin_user)
    old = mfa.recovery_codes_regenerate(user=admin_user)
    page = browser.post("/accounts/mfa/", {"action": "regenerate"}).content.decode()
    new = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", page)
    assert len(new) == 10
    assert not set(new) & set(old)
    assert mfa.match_code(admin_user, old[0]) is None
    assert mfa.match_code(admin_user, new[0]) is not None


def test_the_users_admin_page_downloads_their_personal_data_and_audits_it(admin_user, team_user):
    browser = Client(REMOTE_ADDR=fresh_ip())
    browser.force_login(admin_user)
    page = browser.get(f"/admin/accounts/user/{team_user.pk}/change/")
    url = f"/admin/accounts/user/{team_user.pk}/personal-data/"
    assert url in page.content.decode()
    response = browser.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="personal-data.json"'
    bundle = response.json()
    assert bundle["email"] == team_user.email
    assert bundle["data"]["accounts.user"][0]["id"] == str(team_user.pk)
    entry = AuditEntry.objects.get(action="privacy.exported")
    assert (entry.actor_id, entry.surface) == (str(admin_user.pk), "admin")
    team = Client(REMOTE_ADDR=fresh_ip())
    team.force_login(team_user)
    assert team.get(url).status_code == 302  # to the admin's sign-in: not staff of the admin
    assert AuditEntry.objects.filter(action="privacy.exported").count() == 1


def test_the_privacy_export_says_whether_mfa_is_on_and_erasure_removes_the_devices(admin_user):
    from localbzz.accounts.otp import RecoveryCodeDevice
    from localbzz.privacy import erase_person, export_person

    enrol(admin_user)
    mfa.recovery_codes_regenerate(user=admin_user)
    assert export_person(admin_user.email)["data"]["accounts.user"][0]["two_factor_sign_in"]
    erase_person(admin_user.email)
    assert not TotpDevice.objects.filter(user=admin_user).exists()
    assert not RecoveryCodeDevice.objects.filter(user=admin_user).exists()


def test_an_admin_resets_a_users_lost_phone_from_the_admin_and_it_is_audited(admin_user, team_user):
    enrol(team_user)
    browser = Client(REMOTE_ADDR=fresh_ip())
    browser.force_login(admin_user)
    response = browser.post(
        "/admin/accounts/user/",
        {"action": "reset_mfa", "_selected_action": [str(team_user.pk)]},
    )
    assert response.status_code == 302
    assert not TotpDevice.objects.filter(user=team_user).exists()
    entry = AuditEntry.objects.get(action="mfa.removed", object_id=str(team_user.pk))
    assert entry.actor_id == str(admin_user.pk)
    assert entry.detail == {"by_self": False}
