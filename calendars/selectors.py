"""Reads of calendar feeds and of what a feed shows, with the feed owner's visibility."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from deliverables.models import Deliverable
from deliverables.selectors import deliverable_rows
from localbzz.accounts.permissions import Action, role_of
from localbzz.crypto import keyed_hash
from shoots.models import Shoot
from shoots.selectors import shoot_rows

from .models import CalendarFeed, FeedScope

#: how far back a feed reaches (the future is not cut)
PAST_DAYS = 180
#: the most shoots and due dates one feed lists (each)
MAX_ITEMS = 2000


def calendar_feed_list(*, user, action: str = Action.VIEW) -> QuerySet[CalendarFeed]:
    """``user``'s own feeds that are not revoked, with their client."""
    return CalendarFeed.objects.visible_to(user, action).select_related("client")


def calendar_feed_get(*, user, pk, action: str = Action.VIEW) -> CalendarFeed:
    """One of ``user``'s own active feeds, else 404."""
    return get_object_or_404(calendar_feed_list(user=user, action=action), pk=pk)


def calendar_feed_by_token(token: str) -> CalendarFeed:
    """The active feed of a secret token, with its owner (404 for a revoked or unknown
    token, and for an owner who may no longer sign in)."""
    token = (token or "").strip()
    feed = (
        CalendarFeed.objects.active()
        .select_related("user", "client")
        .filter(token_hash=keyed_hash(token))
        .first()
        if token
        else None
    )
    if feed is None or role_of(feed.user) is None:
        raise Http404("No such calendar feed.")
    return feed


@dataclass
class FeedItems:
    shoots: list[Shoot]
    deliverables: list[Deliverable]


def feed_items(feed: CalendarFeed, *, now=None) -> FeedItems:
    """The shoots and due dates of ``feed``, read through the shoot and deliverable list
    selectors as its owner may see them today (a user who lost access to a client stops
    seeing it in every feed), from ``PAST_DAYS`` ago on."""
    user = feed.user
    since = (now or timezone.now()) - timedelta(days=PAST_DAYS)
    shoots = shoot_rows(user=user).filter(shoot_end__gte=since)
    deliverables = deliverable_rows(user=user).filter(
        due_date__isnull=False, due_date__gte=since.date()
    )
    if feed.scope == FeedScope.ME:
        member = user.team_member_id
        shoots = shoots.filter(assignments__team_member_id=member) if member else shoots.none()
        deliverables = deliverables.filter(assignee_id=member) if member else deliverables.none()
    elif feed.scope == FeedScope.CLIENT:
        shoots = shoots.filter(client_id=feed.client_id)
        deliverables = deliverables.filter(client_id=feed.client_id)
    return FeedItems(
        shoots=list(shoots.order_by("shoot_start")[:MAX_ITEMS]),
        deliverables=list(deliverables.order_by("due_date", "title")[:MAX_ITEMS]),
    )
