"""Ending a user's API sessions: every refresh token it holds goes on the blacklist.

API keys end with the account: :func:`revoke_api_keys` runs when a user is saved
inactive (a deleted user's keys go with the row).

Called by the user model when a password is set (changed, reset, made unusable) and when an
account is saved inactive, and by the delete service. Access tokens need no list: they carry
a digest of the password hash (simplejwt's ``CHECK_REVOKE_TOKEN``), compared on each request,
and an inactive user is refused on each request anyway.
"""

from __future__ import annotations

from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken


def revoke_refresh_tokens(user) -> int:
    """Blacklists every unexpired, not yet blacklisted refresh token of ``user``."""
    tokens = OutstandingToken.objects.filter(
        user_id=user.pk, expires_at__gt=timezone.now(), blacklistedtoken__isnull=True
    )
    rows = [BlacklistedToken(token=token) for token in tokens]
    BlacklistedToken.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def revoke_api_keys(user) -> int:
    """Revokes every API key of ``user`` not yet revoked (an inactive or deleted account)."""
    if user.pk is None:
        return 0
    return user.api_keys.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
