"""The second-factor gate: a staff session that still owes its code (or, for an admin with
no device, its enrolment) reaches nothing but the sign-in, sign-out, password-reset and MFA
pages. The dashboard, the Django admin, the portal pages and session calls to the API are
all behind it. The state comes from the session (``mfa.pending_step``): no query."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse

from localbzz.accounts import mfa
from localbzz.api.errors import json_error

OPEN_PATHS = (
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/password-reset/",
    "/accounts/reset/",
    "/accounts/mfa/verify/",
    "/accounts/mfa/setup/",
    "/admin/logout/",
    "/static/",
    "/health/",
    "/metrics",
    "/api/auth/",
    "/api/schema",
    "/api/docs",
    "/api/redoc",
)


class MfaGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or path.startswith(OPEN_PATHS):
            return self.get_response(request)
        step = mfa.pending_step(request)
        if step is None:
            return self.get_response(request)
        if path.startswith("/api/"):
            message = (
                "This session has not finished signing in: enter the code from your "
                "authenticator app on the sign-in page first."
                if step == "verify"
                else "Admins must set up two-factor sign-in first (/accounts/mfa/setup/)."
            )
            return json_error(request, 401, message, "mfa_required")
        target = reverse("accounts:mfa_verify" if step == "verify" else "accounts:mfa_setup")
        return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
