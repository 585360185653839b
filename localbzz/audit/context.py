"""Who, from where and through which surface the current request runs: for audit entries.

``AuditContextMiddleware`` sets it per request (a context variable, so threads and ASGI
tasks each see their own); outside a request (jobs, commands, imports) it is empty and the
surface reads ``job``.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings

from localbzz.net import client_ip

_current: ContextVar[dict | None] = ContextVar("audit_request", default=None)


def surface_of(request) -> str:
    path = request.path_info or ""
    if path.startswith("/api/"):
        return "api"
    if path.startswith("/admin/"):
        return "admin"
    host = request.get_host().split(":")[0] if request.META.get("HTTP_HOST") else ""
    base = getattr(settings, "PORTAL_BASE_DOMAIN", "") or ""
    if base and host.endswith("." + base):
        return "portal"
    return "dashboard"


def describe(request) -> dict:
    """The request's id, address and surface."""
    try:
        surface = surface_of(request)
    except Exception:  # a host Django refuses: still recorded, as the dashboard  # noqa: BLE001
        surface = "dashboard"
    return {
        "request_id": getattr(request, "request_id", "") or "",
        "ip": client_ip(request),
        "surface": surface,
    }


def current() -> dict:
    return _current.get() or {"request_id": "", "ip": "", "surface": "job"}


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(describe(request))
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
