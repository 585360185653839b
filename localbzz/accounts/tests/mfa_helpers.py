"""Test helpers for two-factor sign-in.

``force_login`` is a test's shortcut past the sign-in page. Since admins (and enrolled team
members) sign in with a second factor, the shortcut also takes that step for them, the way a
real sign-in does: the user gets a confirmed authenticator app (unless they have one) and
the session is marked as having passed it. Tests of the second step itself call
``client.force_login(user, verified=False)``. The rule in the product stays as it is: only
the test client's shortcut is extended (``install()``, called by the root conftest).
"""

from __future__ import annotations

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP

from localbzz.accounts import mfa
from localbzz.accounts.otp import TotpDevice

_original_force_login = Client.force_login


def current_code(device: TotpDevice, *, steps_ahead: int = 0) -> str:
    """The code the user's app shows now (or ``steps_ahead`` 30-second steps later)."""
    totp = TOTP(device.bin_key, step=30, digits=6)
    totp.drift = steps_ahead
    return f"{totp.token():06d}"


def enrol(user, *, name: str = "Test app") -> TotpDevice:
    """A confirmed authenticator app for ``user`` (no recovery codes)."""
    return mfa.totp_device(user) or TotpDevice.objects.create(user=user, name=name, confirmed=True)


def force_login(self, user, backend=None, *, verified: bool = True):
    _original_force_login(self, user, backend)
    session = self.session
    state = session.get(mfa.SESSION_KEY) or {}
    if not verified or not state.get("required"):
        return
    device = enrol(user)
    session[mfa.SESSION_KEY] = {**state, "verified": True, "enrolled": True}
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def install() -> None:
    Client.force_login = force_login
