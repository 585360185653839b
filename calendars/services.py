"""Writes to calendar feeds: create, rotate the secret token, revoke. Each emits an event."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from clients.models import Client
from localbzz.accounts.permissions import Action, is_staff_user, role_of
from localbzz.crypto import keyed_hash
from localbzz.events.services import emit

from .models import CalendarFeed, FeedScope


def _new_token() -> str:
    # Lower-case hex: keyed_hash() normalises to lower case, so nothing of it is lost.
    return secrets.token_hex(24)


def feed_url(token: str) -> str:
    """The absolute URL of a feed on the dashboard's canonical address (``SITE_URL``): the
    feed answers there, whatever host (a client's portal) the feed was made on."""
    path = reverse("calendars:feed", kwargs={"token": token}, urlconf=settings.ROOT_URLCONF)
    return f"{settings.SITE_URL}{path}"


def _set_token(feed: CalendarFeed) -> str:
    token = _new_token()
    feed.token_hash = keyed_hash(token)
    feed.token_prefix = token[:8]
    feed.token = token
    return token


def _check_scope(actor, scope: str, client: Client | None) -> Client | None:
    """The client a feed of ``scope`` shows, checked against what ``actor`` may see."""
    if scope not in FeedScope.values:
        raise ValidationError({"scope": f"'{scope}' is not a feed scope (me, agency, client)."})
    if role_of(actor) == "client":
        if scope != FeedScope.CLIENT:
            raise ValidationError({"scope": "A client's feed has the scope client."})
        if client is not None and client.pk != actor.client_id:
            raise ValidationError({"client": "A client user's feed shows its own client."})
        return actor.client
    if scope == FeedScope.CLIENT:
        if client is None:
            raise ValidationError({"client": "Choose the client of a client feed."})
        if not Client.objects.visible_to(actor, Action.VIEW).filter(pk=client.pk).exists():
            raise ValidationError({"client": "No such client."})
        return client
    if client is not None:
        raise ValidationError({"client": "Only a client feed names a client."})
    if scope == FeedScope.AGENCY and not is_staff_user(actor):
        raise ValidationError({"scope": "Only staff have agency feeds."})
    return None


@transaction.atomic
def calendar_feed_create(*, actor, scope: str, client: Client | None = None):
    """A new feed of ``actor``'s in ``scope``; returns ``(feed, token)`` (the token is
    found by its keyed hash and kept encrypted)."""
    if role_of(actor) is None:
        raise ValidationError("Sign in to make a calendar feed.")
    feed = CalendarFeed(user=actor, scope=scope, client=_check_scope(actor, scope, client))
    token = _set_token(feed)
    feed.full_clean(exclude=["token_hash", "token_prefix", "token"])
    feed.save()
    emit("calendar_feed.created", feed, actor=actor)
    return feed, token


@transaction.atomic
def calendar_feed_rotate(*, feed: CalendarFeed, actor) -> str:
    """Replaces the feed's token (the old URL answers 404 from now on); returns the new one."""
    old_prefix = feed.token_prefix
    token = _set_token(feed)
    feed.save(update_fields=["token_hash", "token_prefix", "token", "updated_at"])
    emit(
        "calendar_feed.rotated",
        feed,
        actor=actor,
        changes={"token_prefix": {"from": old_prefix, "to": feed.token_prefix}},
    )
    return token


@transaction.atomic
def calendar_feed_revoke(*, feed: CalendarFeed, actor=None) -> None:
    """Revokes a feed: its URL answers 404 for good (the row stays, for the record)."""
    if feed.revoked_at is not None:
        return
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at", "updated_at"])
    emit("calendar_feed.revoked", feed, actor=actor)


def calendar_feed_fetched(feed: CalendarFeed) -> None:
    """Records when a calendar program last read the feed (no event: reads are not news)."""
    CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=timezone.now())
