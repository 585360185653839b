"""Routes requests for <subdomain>.<PORTAL_BASE_DOMAIN> to the client portal."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import DisallowedHost

#: the urlconf that serves a client's portal at the root of its own subdomain
PORTAL_HOST_URLCONF = "portal.host_urls"


def portal_subdomain_for_host(host: str) -> str | None:
    """The portal subdomain named by ``host`` (any case, with or without a port), if any.

    Only a single label directly under ``PORTAL_BASE_DOMAIN`` counts; reserved names
    (``www``, ``api``, ``admin``, ...) and the bare base domain are the main site.
    """
    host = (host or "").strip().lower().rstrip(".")
    if host.startswith("["):  # an IPv6 literal is never a portal host
        return None
    host = host.rsplit(":", 1)[0] if ":" in host else host
    base = settings.PORTAL_BASE_DOMAIN.strip().lower().rstrip(".")
    suffix = f".{base}"
    if not base or not host.endswith(suffix):
        return None
    label = host[: -len(suffix)]
    if not label or "." in label or label in settings.RESERVED_SUBDOMAINS:
        return None
    return label


class PortalHostMiddleware:
    """Serves the portal pages (plus /api/) on a client's subdomain.

    Whether the subdomain belongs to a known, active client is decided by the portal views,
    which answer a friendly 404 page otherwise; /static/ is served before this middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.portal_subdomain = None
        try:
            host = request.get_host()
        except DisallowedHost:
            # Let CommonMiddleware / the handler answer the usual 400 for a bad Host.
            return self.get_response(request)
        subdomain = portal_subdomain_for_host(host)
        if subdomain is not None:
            request.portal_subdomain = subdomain
            request.urlconf = PORTAL_HOST_URLCONF
        return self.get_response(request)
