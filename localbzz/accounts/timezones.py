"""Time zones: the agency's (the ``TIME_ZONE`` setting) and a user's own override.

Every page shows times in the signed-in user's zone: ``UserTimeZoneMiddleware`` activates it
for the request (Django then converts every aware datetime in templates and forms), or leaves
the agency's zone when the user has none.
"""

from __future__ import annotations

import zoneinfo
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone


@cache
def zone_names() -> tuple[str, ...]:
    """Every IANA zone name this machine knows, sorted."""
    return tuple(sorted(zoneinfo.available_timezones()))


def validate_time_zone(value: str) -> None:
    """A known IANA zone name (``Europe/Paris``), or empty for the agency's zone."""
    if value and value not in zone_names():
        raise ValidationError(f"Unknown time zone “{value}”: use a name like Europe/Paris.")


def user_zone_name(user) -> str:
    """The user's own zone name, or "" for the agency's."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return getattr(user, "time_zone", "") or ""


class UserTimeZoneMiddleware:
    """Activates the signed-in user's time zone for the request (after authentication)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = ""
        # without a session there is no user to load (no query for API keys and the public)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            name = user_zone_name(getattr(request, "user", None))
        if name:
            timezone.activate(zoneinfo.ZoneInfo(name))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
