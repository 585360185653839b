"""JWT authentication with a short per-process cache of the user row for reads.

simplejwt's ``JWTAuthentication`` loads the user on every request (one query). For safe
methods (GET, HEAD, OPTIONS) this keeps the loaded row per process for
``JWT_USER_CACHE_SECONDS`` (default 5; 0 turns the cache off); writes always read the row.

Freshness: saving or deleting a user drops the entry in the process that saved it at once;
any other process notices within ``JWT_USER_CACHE_SECONDS``. So a user deactivated, deleted,
or whose role, client or password changed, loses access (or gets the new rights) on reads
within that many seconds, and on writes immediately. The password claim
(``CHECK_REVOKE_TOKEN``) is compared on cached rows too. Each request gets its own copy of the
cached user, so nothing a request caches on its user leaks into another.
"""

from __future__ import annotations

import copy
import threading
from time import monotonic

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from rest_framework.permissions import SAFE_METHODS
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed, InvalidToken
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.utils import get_md5_hash_password

_cache: dict = {}  # user id -> (expires at, monotonic clock; user as loaded)
_lock = threading.Lock()
_MAX_ENTRIES = 10_000


def ttl() -> float:
    return float(getattr(settings, "JWT_USER_CACHE_SECONDS", 5))


def forget(user_id=None) -> None:
    """Drops one user's entry (all of them without an id)."""
    with _lock:
        if user_id is None:
            _cache.clear()
        else:
            _cache.pop(str(user_id), None)


def _on_user_change(sender, instance, **kwargs) -> None:
    forget(getattr(instance, api_settings.USER_ID_FIELD, instance.pk))


post_save.connect(_on_user_change, sender=get_user_model(), dispatch_uid="jwt-user-cache-save")
post_delete.connect(_on_user_change, sender=get_user_model(), dispatch_uid="jwt-user-cache-del")


def _copy(user):
    """A copy with its own model state (related-object cache), so requests share nothing."""
    clone = copy.copy(user)
    clone._state = copy.copy(user._state)
    clone._state.fields_cache = {}
    return clone


def check_password_claim(validated_token, user) -> None:
    """401 for a token issued before the user's password last changed (or was reset).

    simplejwt's ``CHECK_REVOKE_TOKEN``: every token carries a digest of the password hash
    (``REVOKE_TOKEN_CLAIM``); a new password makes every earlier token, access and refresh,
    fail this comparison. ``JWTAuthentication.get_user`` runs it on a fresh row; this runs
    it on a cached one.
    """
    if api_settings.CHECK_REVOKE_TOKEN and validated_token.get(
        api_settings.REVOKE_TOKEN_CLAIM
    ) != get_md5_hash_password(user.password):
        raise AuthenticationFailed("The user's password has been changed.", code="password_changed")


def user_for_access_token(raw: str):
    """The active user an access token (``?token=`` of the live stream...) stands for, else None.

    The same checks as every API request: signature, expiry, type, user active, password claim.
    """
    auth = JWTAuthentication()
    try:
        return auth.get_user(auth.get_validated_token(raw.encode()))
    except (InvalidToken, AuthenticationFailed):
        return None


class CachedUserJWTAuthentication(JWTAuthentication):
    """``JWTAuthentication`` that reuses the user row for reads for a few seconds."""

    def authenticate(self, request):
        self._cacheable = request.method in SAFE_METHODS
        return super().authenticate(request)

    def get_user(self, validated_token):
        seconds = ttl()
        if seconds <= 0 or not getattr(self, "_cacheable", False):
            return super().get_user(validated_token)
        key = str(validated_token.get(api_settings.USER_ID_CLAIM))
        now = monotonic()
        entry = _cache.get(key)
        if entry is not None and entry[0] > now:
            user = _copy(entry[1])
            check_password_claim(validated_token, user)
            return user
        # 401 for missing or inactive users and for tokens from before a password change
        user = super().get_user(validated_token)
        with _lock:
            if len(_cache) >= _MAX_ENTRIES:
                _cache.clear()
            _cache[key] = (now + seconds, _copy(user))
        return user


try:  # the schema describes it as simplejwt's bearer scheme
    from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme

    class CachedUserJWTScheme(SimpleJWTScheme):
        target_class = CachedUserJWTAuthentication
except ImportError:  # pragma: no cover - drf-spectacular is a dependency
    pass
