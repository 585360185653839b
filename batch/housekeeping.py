"""Housekeeping: expired sessions, expired (and so blacklisted) tokens, old lockout records."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken


def housekeeping(*, now: dt.datetime | None = None) -> dict:
    """Deletes what has expired; returns how many rows of each kind went."""
    now = now or timezone.now()
    engine = import_module(settings.SESSION_ENGINE)
    sessions = Session.objects.filter(expire_date__lt=now).count()
    engine.SessionStore.clear_expired()
    # a blacklisted token goes with its outstanding row (cascade) once it has expired
    tokens, _ = OutstandingToken.objects.filter(expires_at__lt=now).delete()
    cutoff = now - dt.timedelta(days=settings.HOUSEKEEPING_LOCKOUT_DAYS)
    lockouts = 0
    for model, field in (
        (AccessAttempt, "attempt_time"),
        (AccessFailureLog, "attempt_time"),
        (AccessLog, "attempt_time"),
    ):
        deleted, _ = model.objects.filter(**{f"{field}__lt": cutoff}).delete()
        lockouts += deleted
    return {"sessions": sessions, "tokens": tokens, "lockouts": lockouts}
