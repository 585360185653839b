"""Two-factor sign-in in headless Chromium: an admin without a device is sent to enrol (QR
code and manual key, confirmed with a code computed here as the phone would), sees ten
recovery codes once, then signs in again with the password and a code."""

import base64

import pytest
from django_otp.oath import TOTP

from conftest import screenshot
from localbzz.accounts.otp import TotpDevice

pytestmark = pytest.mark.browser


def code_for(manual_key: str, steps_ahead: int = 0) -> str:
    totp = TOTP(base64.b32decode(manual_key.replace(" ", "")), step=30, digits=6)
    totp.drift = steps_ahead
    return f"{totp.token():06d}"


def sign_in_with_password(page, live_server, email, password):
    page.goto(f"{live_server.url}/clients/")
    page.wait_for_url("**/accounts/login/**")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_admin_enrols_an_authenticator_app_then_signs_in_with_a_code(
    page, live_server, admin_user, password
):
    sign_in_with_password(page, live_server, admin_user.email, password)
    page.wait_for_url("**/accounts/mfa/setup/**")
    assert page.locator("[data-qr] svg").is_visible()
    key = page.locator("[data-manual-key]").inner_text()
    screenshot(page, "mfa-setup")

    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.wait_for_selector("text=does not match")
    page.wait_for_timeout(1100)  # a wrong code makes the device wait a second
    page.get_by_label("Code").fill(code_for(key))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.wait_for_selector("[data-recovery-codes]")
    codes = page.locator("[data-recovery-codes] code").all_inner_texts()
    assert len(set(codes)) == 10
    assert TotpDevice.objects.get(user=admin_user).confirmed
    screenshot(page, "mfa-recovery-codes")
    page.get_by_role("link", name="I have saved them").click()
    page.wait_for_url(f"{live_server.url}/clients/")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/**")
    sign_in_with_password(page, live_server, admin_user.email, password)
    page.wait_for_url("**/accounts/mfa/verify/**")
    screenshot(page, "mfa-verify")
    # the enrolment used this 30-second step's code: the phone's next one is accepted
    page.get_by_label("Code").fill(code_for(key, steps_ahead=1))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(f"{live_server.url}/clients/")
    assert page.get_by_role("link", name="Security").is_visible()
