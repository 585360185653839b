"""Failed sign-ins count per account and address together, on every sign-in surface.

django-axes keys each failure by ``(username, ip_address)`` (``AXES_LOCKOUT_PARAMETERS``).
The dashboard, the portal and the admin post the e-mail as ``username``; the API's
``POST /api/auth/token`` sends ``email``. :func:`axes_username` reads either, normalised as
the sign-in itself does (trimmed, lower case), so an account has one bucket per address
whatever surface it is tried on, and failures for random e-mails never share a bucket with
a real account. The address is ``localbzz.net.client_ip`` (``AXES_CLIENT_IP_CALLABLE``).
"""

from __future__ import annotations

import math

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.db.models import Max
from django.utils import timezone

from localbzz.accounts.models import UserManager
from localbzz.net import client_ip

#: AccessAttempt.username is 255 characters; longer input is cut (an e-mail is at most 254)
_MAX = 254


def normalise_login(value) -> str | None:
    """The login as the sign-in compares it: trimmed, lower case, no NUL, at most 254."""
    if value is None:
        return None
    text = UserManager.normalize_email(str(value)).replace("\x00", "")
    return text[:_MAX] or None


def axes_username(request, credentials: dict | None = None) -> str | None:
    """``AXES_USERNAME_CALLABLE``: the e-mail of an attempt, whichever field carried it."""
    for source in (credentials or {}, getattr(request, "POST", None) or {}):
        for field in ("email", "username"):
            value = source.get(field)
            if value:
                return normalise_login(value)
    return None


def retry_after(request, login) -> int:
    """Seconds until ``login`` may try again from this request's address (at least 1)."""
    cool_off = get_cool_off(request)
    if cool_off is None:
        return 3600
    last = AccessAttempt.objects.filter(
        username=normalise_login(login), ip_address=client_ip(request)
    ).aggregate(last=Max("attempt_time"))["last"]
    if last is None:
        return max(1, math.ceil(cool_off.total_seconds()))
    left = (last + cool_off - timezone.now()).total_seconds()
    return max(1, math.ceil(left))
