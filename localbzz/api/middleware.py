"""API response headers: ``API-Version`` on everything under /api/."""

from django.conf import settings


class APIVersionMiddleware:
    """Stamps ``API-Version`` on every /api/ response (errors and the docs included)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response["API-Version"] = settings.API_VERSION
        return response
