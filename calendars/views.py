"""The feed itself (``/feeds/<token>.ics``, the token is the only credential) and the
dashboard's account page, where staff manage their feeds."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from localbzz.accounts.mixins import staff_required
from localbzz.accounts.permissions import is_staff_user

from .ics import feed_calendar
from .selectors import calendar_feed_by_token, feed_items
from .services import calendar_feed_fetched


@require_GET
def feed(request, token: str):
    """The ICS of an active feed; a revoked, rotated-away or unknown token is a 404."""
    found = calendar_feed_by_token(token)
    body = feed_calendar(found, feed_items(found), staff=is_staff_user(found.user))
    calendar_feed_fetched(found)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="localbzz.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@staff_required
@require_GET
def account(request):
    """The signed-in staff member's account: who they are, and their calendar feeds."""
    return render(request, "calendars/account.html", {})
