"""Re-authentication before sensitive actions (creating API keys, rotating webhook secrets,
GDPR export and erasure, changing a password or the second factor).

A browser session must have proved the password or a code within ``MFA_REAUTH_MINUTES``
(sign-in, the second step and ``/accounts/confirm/`` all count); otherwise the user is sent
to ``/accounts/confirm/`` and comes back to the page (a POST is not replayed: the user
presses the button again). API calls with a JWT or an API key are not asked: an access token
lives minutes and was obtained with the password and the code; session calls to the API get
403 ``reauthentication_required``.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode, urlsplit

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import PermissionDenied

from localbzz.accounts import mfa

MESSAGE = (
    "This action needs a recent proof of identity: confirm your password at /accounts/confirm/ "
    "and try again."
)


class ReauthenticationRequired(PermissionDenied):
    default_detail = MESSAGE
    default_code = "reauthentication_required"


def _back(request) -> str:
    if request.method == "GET":
        return request.get_full_path()
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return request.path


def confirm_redirect(request) -> HttpResponseRedirect | None:
    """None when the session proved itself recently; else the redirect to confirm it."""
    if mfa.recently_authenticated(request):
        return None
    return HttpResponseRedirect(
        f"{reverse('accounts:reauth')}?{urlencode({'next': _back(request)})}"
    )


def recent_auth_required(view):
    """Decorator of a page (after the staff gate): asks for the password again when stale."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return confirm_redirect(request) or view(request, *args, **kwargs)

    return wrapper


def check_api_request(request) -> None:
    """Raises 403 for a session-authenticated API call whose last proof is stale."""
    by_session = isinstance(
        getattr(request, "successful_authenticator", None), SessionAuthentication
    )
    if by_session and not mfa.recently_authenticated(request):
        raise ReauthenticationRequired()
