"""Deprecated API operations (DESIGN §4, README's deprecation policy): one decorator marks an
operation; its responses then announce ``Deprecation: @<unix time>`` (RFC 9745), ``Sunset:
<HTTP date>`` (RFC 8594) and, when there is one, ``Link: <successor>; rel="successor-version"``,
and the OpenAPI schema says ``deprecated: true``.

    class ClientViewSet(...):
        @deprecated(since=datetime(2026, 12, 1, tzinfo=UTC),
                    sunset=datetime(2027, 6, 1, tzinfo=UTC), successor="/api/clients")
        @action(detail=False)
        def active(self, request): ...

A whole path (every method of a view) uses ``localbzz.api.base.DeprecatedMixin``.
"""

from __future__ import annotations

import functools
from datetime import datetime
from email.utils import format_datetime

from drf_spectacular.utils import extend_schema


def announce(response, since: datetime, sunset: datetime, successor: str = "") -> None:
    """Sets the deprecation headers on ``response``."""
    response["Deprecation"] = f"@{int(since.timestamp())}"
    response["Sunset"] = format_datetime(sunset, usegmt=True)
    if successor:
        response["Link"] = f'<{successor}>; rel="successor-version"'


def deprecated(*, since: datetime, sunset: datetime, successor: str = ""):
    """Marks a view method (one operation) deprecated; its error answers say so too."""
    if since.tzinfo is None or sunset.tzinfo is None:
        raise ValueError("since and sunset must be aware datetimes")
    if sunset <= since:
        raise ValueError("the sunset must come after the deprecation")

    def decorate(method):
        @functools.wraps(method)
        def operation(view, request, *args, **kwargs):
            try:
                response = method(view, request, *args, **kwargs)
            except Exception as exc:  # answered here so that the error carries the headers too
                response = view.handle_exception(exc)
            announce(response, since, sunset, successor)
            return response

        operation.deprecation = {"since": since, "sunset": sunset, "successor": successor}
        return extend_schema(deprecated=True)(operation)

    return decorate
