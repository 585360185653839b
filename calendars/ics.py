"""The iCalendar (RFC 5545) text of a feed, built with ``icalendar``."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from .models import CalendarFeed, FeedScope
from .selectors import FeedItems

PRODID = "-//LocalBzz//Calendar feed//EN"
#: a shoot's STATUS in the calendar
SHOOT_STATUS = {"Cancelled": "CANCELLED", "Postponed": "TENTATIVE"}


def feed_name(feed: CalendarFeed) -> str:
    if feed.scope == FeedScope.CLIENT and feed.client is not None:
        return f"LocalBzz · {feed.client.name}"
    if feed.scope == FeedScope.AGENCY:
        return "LocalBzz · Agency"
    return f"LocalBzz · {feed.user.get_short_name() or feed.user.email}"


def _page(name: str, pk) -> str:
    return f"{settings.SITE_URL}{reverse(name, args=[pk], urlconf=settings.ROOT_URLCONF)}"


def feed_calendar(feed: CalendarFeed, items: FeedItems, *, staff: bool) -> bytes:
    """The feed as ICS bytes: one timed event per shoot, one all-day event per due date.

    Shoot notes are internal and never written; staff feeds link to the dashboard pages.
    """
    now = timezone.now()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", feed_name(feed))
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    for shoot in items.shoots:
        event = Event()
        event.add("uid", f"shoot-{shoot.pk}@localbzz")
        event.add("dtstamp", now)
        event.add("dtstart", shoot.shoot_start)
        event.add("dtend", shoot.shoot_end)
        event.add("summary", f"Shoot: {shoot.title or 'Shoot'} · {shoot.client.name}")
        if shoot.location:
            event.add("location", shoot.location)
        event.add("status", SHOOT_STATUS.get(shoot.status, "CONFIRMED"))
        event.add("categories", ["Shoot"])
        event.add("description", f"{shoot.client.name} · {shoot.status}")
        if staff:
            event.add("url", _page("shoots:detail", shoot.pk))
        cal.add_component(event)
    for deliverable in items.deliverables:
        event = Event()
        event.add("uid", f"deliverable-due-{deliverable.pk}@localbzz")
        event.add("dtstamp", now)
        event.add("dtstart", deliverable.due_date)
        event.add("dtend", deliverable.due_date + timedelta(days=1))
        event.add(
            "summary",
            f"Due: {deliverable.title} ({deliverable.deliverable_type})"
            f" · {deliverable.client.name}",
        )
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Due date"])
        event.add("description", f"{deliverable.client.name} · {deliverable.status}")
        if staff:
            event.add("url", _page("deliverables:edit", deliverable.pk))
        cal.add_component(event)
    return cal.to_ical()
