"""``{% calendar_feed_panel %}``: the signed-in person's calendar feeds, with create, rotate
and revoke (through the API), on the dashboard's account page and the portal's."""

from __future__ import annotations

from django import template
from django.urls import reverse

from calendars.models import FeedScope
from calendars.selectors import calendar_feed_list
from clients.selectors import client_options
from localbzz.accounts.permissions import is_staff_user, role_of

register = template.Library()


@register.inclusion_tag("calendars/_feed_panel.html", takes_context=True)
def calendar_feed_panel(context):
    request = context["request"]
    user = request.user
    if role_of(user) is None:
        return {"hidden": True}
    staff = is_staff_user(user)
    scopes = FeedScope.choices if staff else [(FeedScope.CLIENT, "My business")]
    return {
        "feeds": list(calendar_feed_list(user=user)),
        "staff": staff,
        "scopes": scopes,
        "clients": list(client_options(user)) if staff else [],
        "api_url": reverse("api:calendar-feed-list"),
        "csrf_token": context.get("csrf_token"),
    }
