"""Password-reset requests, limited per client address and per account (cache counters).

Past ``PASSWORD_RESET_LIMIT_PER_ADDRESS`` requests in an hour from one address, the form
answers 429 with a friendly error. Past ``PASSWORD_RESET_LIMIT_PER_ACCOUNT`` for one e-mail,
the page answers exactly as if a link were sent but sends none: nobody learns whether the
address has an account, and nobody can flood a mailbox. Used by the dashboard's and the
portal's reset views (both Django's ``PasswordResetView``).
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from localbzz.accounts.lockout import normalise_login
from localbzz.api.throttling import count_in_window
from localbzz.net import client_ip

WINDOW = 3600
#: the counters' cache key prefix (tests give each test its own, the cache being shared)
PREFIX = "pwreset"
TOO_MANY = "Too many reset requests from your address. Please try again in an hour."


def _over(key: str, limit: int) -> bool:
    """Counts one request under ``key`` in the current hour; True past ``limit``."""
    count, _left = count_in_window(cache, f"{PREFIX}:{key}", WINDOW, time.time())
    return count > limit


def reset_refused(request, email) -> str | None:
    """``"address"`` or ``"account"`` when this request is over a limit, else None."""
    if _over(f"ip:{client_ip(request)}", settings.PASSWORD_RESET_LIMIT_PER_ADDRESS):
        return "address"
    login = normalise_login(email) or ""
    digest = hashlib.sha256(login.encode("utf-8", "replace")).hexdigest()
    if _over(f"account:{digest}", settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT):
        return "account"
    return None


class ResetLimitMixin:
    """For a ``PasswordResetView``: ``refuse_reset(form)`` is the answer when over a limit."""

    def reset_done(self):
        """The answer to a request whose link was sent (or silently not sent)."""
        raise NotImplementedError

    def refuse_reset(self, form):
        verdict = reset_refused(self.request, form.cleaned_data.get("email"))
        if verdict == "address":
            form.add_error(None, TOO_MANY)
            response = self.form_invalid(form)
            response.status_code = 429
            response["Retry-After"] = str(WINDOW)
            return response
        if verdict == "account":
            return self.reset_done()
        return None
