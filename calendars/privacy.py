"""Calendar feeds a person holds: exported (never the token); erasure revokes them."""

from django.utils import timezone

from localbzz.privacy import register_privacy_handler

from .models import CalendarFeed


def _export(email, user):
    if user is None:
        return []
    return [
        {
            "id": str(f.pk),
            "scope": f.scope,
            "client_id": str(f.client_id) if f.client_id else None,
            "token_prefix": f.token_prefix,
            "created_at": f.created_at.isoformat(),
            "revoked_at": f.revoked_at.isoformat() if f.revoked_at else None,
        }
        for f in CalendarFeed.objects.filter(user=user)
    ]


def _erase(email, user, values):
    if user is None:
        return 0
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def register() -> None:
    register_privacy_handler("calendars.calendarfeed", export=_export, erase=_erase)
