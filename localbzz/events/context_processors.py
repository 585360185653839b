"""Template context of the notification bell: unread count and recent notifications."""

from django.utils.functional import SimpleLazyObject

from .models import Notification

RECENT = 5


def notifications(request) -> dict:
    """``notifications_unread`` and ``notifications_recent`` (lazy: no query unless used)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    return {
        "notifications_unread": SimpleLazyObject(
            lambda: Notification.objects.filter(user=user, read_at__isnull=True).count()
        ),
        "notifications_recent": SimpleLazyObject(
            lambda: list(Notification.objects.filter(user=user)[:RECENT])
        ),
    }
