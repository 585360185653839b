"""API response headers: ``API-Version`` on everything under /api/; ETags on reads."""

import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.functional import SimpleLazyObject, empty


class APIVersionMiddleware:
    """Stamps ``API-Version`` on every /api/ response (errors and the docs included)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response["API-Version"] = settings.API_VERSION
        return response


def _who(request) -> str:
    """The user the answer was built for; ``-`` when the view never looked (the lazy user
    still unread: reading it here would cost a session query the view did not need)."""
    user = request.__dict__.get("user")
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        return "-"
    return str(user.pk) if getattr(user, "is_authenticated", False) else "-"


class APIConditionalGetMiddleware:
    """``ETag`` / ``If-None-Match`` on successful API reads (details and lists): 304 when
    the client already has this answer.

    The ETag is weak, a hash of the body *and of the user who asked*: the body was built
    under that user's permissions, and a tag copied from another user never matches, so a
    304 says nothing about what someone else sees. Only a 200 to a GET or HEAD gets one: a
    401, 403 or 404 stays what it is whatever the request's ``If-None-Match``. The answer
    is ``Cache-Control: private, no-cache`` (revalidate every time, never in a shared cache)
    and varies on ``Authorization`` and ``Cookie``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method not in ("GET", "HEAD")
            or response.status_code != 200
            or response.streaming
            or not request.path.startswith("/api/")
            or response.has_header("ETag")
        ):
            return response
        who = _who(request)
        digest = hashlib.blake2b(response.content, digest_size=16, key=who.encode()[:64])
        response["ETag"] = f'W/"{digest.hexdigest()}"'
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-cache"
        patch_vary_headers(response, ("Authorization", "Cookie"))
        return get_conditional_response(request, etag=response["ETag"], response=response)
