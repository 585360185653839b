"""The client's address, the one way every rate limit and lock-out reads it.

``TRUSTED_PROXIES`` says how many proxies stand in front of the application server and
append to ``X-Forwarded-For`` (deploy/nginx.conf sets the header to ``$remote_addr``):

- ``0`` (the embedded default, ``manage.py runserver`` and tests): ``REMOTE_ADDR``; the
  header is ignored, since anyone can send it;
- ``N``: the N-th entry from the right of ``X-Forwarded-For``, the one the outermost trusted
  proxy wrote. Entries left of it came from the client and are never trusted. A request with
  fewer entries (one that did not pass every proxy) or a malformed entry falls back to
  ``REMOTE_ADDR``.

django-axes (``AXES_CLIENT_IP_CALLABLE``), the API throttles and the password-reset limits
all call :func:`client_ip`.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The address of the client that sent ``request`` (an HttpRequest or a DRF Request)."""
    meta = request.META
    remote = meta.get("REMOTE_ADDR") or ""
    proxies = int(getattr(settings, "TRUSTED_PROXIES", 0) or 0)
    if proxies > 0:
        entries = [e for e in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if e.strip()]
        if len(entries) >= proxies:
            forwarded = _valid(entries[-proxies])
            if forwarded:
                return forwarded
    return _valid(remote) or remote
