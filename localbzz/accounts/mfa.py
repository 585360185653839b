"""Two-factor sign-in for staff: enrolment, recovery codes, verification, re-authentication.

Who needs a second factor: every admin (one without a device is sent to set one up before
anything else) and every team member who enrolled one. Clients sign in with a password.

The session says where the user stands, so the gate (``middleware.MfaGateMiddleware``) asks
the database nothing on each request: at sign-in ``on_sign_in`` stores ``required``,
``enrolled`` and ``verified``; a correct code (or an enrolment) sets ``verified``. The same
session keeps the time of the last proof of identity (password or code), which sensitive
actions ask to be recent (``MFA_REAUTH_MINUTES``).

Wrong codes count as failed sign-ins of that account from that address (django-axes: the
same lock-out as wrong passwords) and each device refuses codes for 2^n seconds after n
failures in a row (django-otp's throttling).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django_otp import login as otp_login

from localbzz.accounts.otp import (
    RECOVERY_CODES,
    RecoveryCode,
    RecoveryCodeDevice,
    TotpDevice,
    new_recovery_code,
    normalise_code,
    recovery_hash,
)
from localbzz.accounts.permissions import is_admin_user, is_staff_user
from localbzz.audit.trail import record

SESSION_KEY = "mfa"


def issuer() -> str:
    return getattr(settings, "MFA_ISSUER", "LocalBzz")


def reauth_seconds() -> int:
    return 60 * getattr(settings, "MFA_REAUTH_MINUTES", 10)


# --- devices ------------------------------------------------------------------------------
def totp_device(user) -> TotpDevice | None:
    """The user's confirmed authenticator app, if any."""
    return TotpDevice.objects.filter(user=user, confirmed=True).first()


def is_enrolled(user) -> bool:
    return TotpDevice.objects.filter(user=user, confirmed=True).exists()


def mfa_required(user, enrolled: bool) -> bool:
    return is_staff_user(user) and (enrolled or is_admin_user(user))


# --- the session's state --------------------------------------------------------------------
def _state(request) -> dict:
    state = request.session.get(SESSION_KEY)
    user = request.user
    if not isinstance(state, dict) or state.get("uid") != str(user.pk):
        # a session from before MFA existed: worked out once, then kept
        enrolled = is_enrolled(user)
        state = {
            "uid": str(user.pk),
            "enrolled": enrolled,
            "required": mfa_required(user, enrolled),
            "verified": False,
            "auth_at": 0,
        }
        request.session[SESSION_KEY] = state
    return state


def _save(request, **changes) -> None:
    state = {**_state(request), **changes}
    request.session[SESSION_KEY] = state


def on_sign_in(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: the password was just checked; the second factor not yet."""
    if request is None or not hasattr(request, "session"):
        return
    enrolled = is_staff_user(user) and is_enrolled(user)
    request.session[SESSION_KEY] = {
        "uid": str(user.pk),
        "enrolled": enrolled,
        "required": mfa_required(user, enrolled),
        "verified": False,
        "auth_at": time.time(),
    }


def pending_step(request) -> str | None:
    """``"verify"`` (asks for a code), ``"setup"`` (an admin with no device) or None."""
    user = request.user
    if not user.is_authenticated or not is_staff_user(user):
        return None
    state = _state(request)
    if not state["required"] or state["verified"]:
        return None
    return "verify" if state["enrolled"] else "setup"


def is_verified(request) -> bool:
    return bool(request.user.is_authenticated and _state(request).get("verified"))


def mark_verified(request, device) -> None:
    """The session passed its second factor with ``device``."""
    _save(request, verified=True, enrolled=True, required=True, auth_at=time.time())
    otp_login(request, device)


def recently_authenticated(request) -> bool:
    return time.time() - float(_state(request).get("auth_at") or 0) < reauth_seconds()


def mark_reauthenticated(request) -> None:
    _save(request, auth_at=time.time())


# --- verification -----------------------------------------------------------------------------
def count_failure(request, user) -> None:
    """A wrong code counts as a failed sign-in (django-axes, the audit trail)."""
    user_login_failed.send(
        sender=__name__, credentials={"username": user.email, "factor": "otp"}, request=request
    )


def looks_like_code(text: str) -> bool:
    """A TOTP code (6 digits) or a recovery code (10 letters and digits), not a password."""
    code = normalise_code(text)
    return (code.isdigit() and len(code) == 6) or (len(code) == 10 and code.isalnum())


def match_code(user, code: str):
    """The device that accepts ``code`` (the authenticator app, else a recovery code) or None.
    A recovery code is spent by its use; its use is audited."""
    code = (code or "").strip()
    if not code:
        return None
    # a 6-digit code goes to the app, anything else to the recovery codes (a wrong guess
    # throttles only the device it was meant for)
    is_totp = len(normalise_code(code)) == 6
    with transaction.atomic():
        for device in TotpDevice.objects.select_for_update().filter(user=user, confirmed=True):
            if is_totp and device.verify_token(code):
                return device
        if is_totp:
            return None
        for device in RecoveryCodeDevice.objects.select_for_update().filter(
            user=user, confirmed=True
        ):
            if device.verify_token(code):
                record(
                    "mfa.recovery_code_used",
                    actor=user,
                    object_type="accounts.user",
                    object_id=user.pk,
                    detail={"codes_left": device.left()},
                )
                return device
    return None


def verify(request, user, code: str):
    """Checks a code typed at sign-in; a wrong one counts as a failed sign-in."""
    device = match_code(user, code)
    if device is None:
        count_failure(request, user)
    return device


# --- enrolment and removal ----------------------------------------------------------------------
def enrolment_device(user) -> TotpDevice:
    """The unconfirmed device being set up (the same one on every reload of the page)."""
    device = TotpDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return device or TotpDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def qr_svg(device: TotpDevice) -> str:
    """The enrolment QR code as inline SVG, rendered here (no image from another host)."""
    import segno

    code = segno.make(device.config_url(issuer()), error="m")
    return code.svg_inline(scale=4, dark="#111", light="#fff", title="Scan with your app")


def manual_key(device: TotpDevice) -> str:
    from base64 import b32encode

    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def recovery_codes_regenerate(*, user, actor=None) -> list[str]:
    """Ten new one-time recovery codes (returned once, stored hashed); earlier ones stop
    working."""
    RecoveryCodeDevice.objects.filter(user=user).delete()
    device = RecoveryCodeDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [new_recovery_code() for _ in range(RECOVERY_CODES)]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(device=device, code_hash=recovery_hash(c)) for c in codes
    )
    record(
        "mfa.recovery_codes_generated",
        actor=actor or user,
        object_type="accounts.user",
        object_id=user.pk,
        detail={"count": len(codes)},
    )
    return codes


@transaction.atomic
def mfa_enrol(*, user, device: TotpDevice, code: str) -> list[str] | None:
    """Confirms the app with a code from it; returns the new recovery codes (None: wrong code)."""
    device = TotpDevice.objects.select_for_update().get(pk=device.pk, user=user)
    if device.confirmed or not device.verify_token(code):
        return None
    TotpDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record("mfa.enrolled", actor=user, object_type="accounts.user", object_id=user.pk,
           detail={"device": device.name})  # fmt: skip
    return recovery_codes_regenerate(user=user)


@transaction.atomic
def mfa_remove(*, user, actor) -> int:
    """Removes every second factor of ``user`` (a lost phone, or a team member opting out).
    An admin is asked to set up a new one at the next page."""
    removed = TotpDevice.objects.filter(user=user).delete()[0]
    removed += RecoveryCodeDevice.objects.filter(user=user).delete()[0]
    record("mfa.removed", actor=actor, object_type="accounts.user", object_id=user.pk,
           detail={"by_self": actor is not None and actor.pk == user.pk})  # fmt: skip
    return removed
