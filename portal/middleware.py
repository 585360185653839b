"""Routes requests for <subdomain>.<PORTAL_BASE_DOMAIN> to the client portal."""


class PortalHostMiddleware:
    """Filled in by the portal capability; passes requests through until then."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
