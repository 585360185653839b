"""API keys for integrators: issue (shown once), authenticate, record use, revoke.

A key reads ``lbz_<prefix>_<secret>``; the database keeps the prefix (to tell keys apart on
screens) and the SHA-256 of the whole key, never the key. ``ApiKeyAuthentication`` answers
``Authorization: Api-Key <key>``; an unknown, revoked or expired key, or one whose user is
inactive, is a 401. Each use records the time and the address (``localbzz.net.client_ip``),
written at most once a minute per key unless the address changes, and the first use of a
day goes to the audit trail (``api_key.used``).
"""

from __future__ import annotations

import copy
import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from rest_framework import authentication, exceptions

from localbzz.audit.trail import record
from localbzz.events.services import emit
from localbzz.net import client_ip

from .models import ApiKey, Role, User

HEADER = "Api-Key"
_WRITE_EVERY = timedelta(minutes=1)


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def key_representation(key: ApiKey) -> dict:
    """An API key in events and the audit trail: never the key or its hash."""
    return {
        "id": str(key.pk),
        "name": key.name,
        "prefix": key.prefix,
        "role": key.role,
        "user": str(key.user_id),
        "expires_at": key.expires_at.isoformat() if key.expires_at else None,
        "revoked_at": key.revoked_at.isoformat() if key.revoked_at else None,
    }


def _role_rank(role: str) -> int:
    return {Role.TEAM: 1, Role.ADMIN: 2}.get(role, 0)


def _user_role(user: User) -> str:
    return Role.ADMIN if user.is_admin else user.role


def check_new_key(*, user: User, role: str, expires_at=None) -> None:
    """Raises ValidationError unless ``user`` may hold a key of ``role`` until ``expires_at``."""
    errors = {}
    if not user.is_active or user.role == Role.CLIENT:
        errors["user"] = "API keys are for active admins and team members."
    elif _role_rank(role) == 0:
        errors["role"] = "Choose team or admin."
    elif _role_rank(role) > _role_rank(_user_role(user)):
        errors["role"] = "A key cannot have more rights than its user."
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = "The expiry must be in the future."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def api_key_create(
    *, actor, name: str, role: str | None = None, user: User | None = None, expires_at=None
) -> tuple[ApiKey, str]:
    """Issues a key; returns it with the raw key, which is shown once and stored nowhere."""
    user = user or actor
    role = role or _user_role(user)
    check_new_key(user=user, role=role, expires_at=expires_at)
    prefix = secrets.token_hex(4)
    raw = f"lbz_{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey(
        name=name, role=role, user=user, created_by=actor, expires_at=expires_at, prefix=prefix
    )
    key.key_hash = hash_key(raw)
    key.full_clean()
    key.save()
    emit("api_key.created", key, actor=actor, representation=key_representation(key))
    return key, raw


@transaction.atomic
def api_key_revoke(*, key: ApiKey, actor=None) -> ApiKey:
    """Revokes a key (idempotent); it answers 401 from the next request on."""
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        emit("api_key.revoked", key, actor=actor, representation=key_representation(key))
    return key


def _record_use(key: ApiKey, request) -> None:
    now = timezone.now()
    address = client_ip(request) or None
    stale = key.last_used_at is None or now - key.last_used_at >= _WRITE_EVERY
    if not (stale or address != key.last_used_ip):
        return
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=now, last_used_ip=address)
    if key.last_used_at is None or timezone.localdate(key.last_used_at) != timezone.localdate(now):
        record(  # the first use of each day
            "api_key.used",
            actor=key.user,
            object_type="accounts.apikey",
            object_id=str(key.pk),
            detail={"name": key.name, "prefix": key.prefix},
            request=request,
        )


def acting_user(key: ApiKey) -> User:
    """The user a key acts as: its user, narrowed to the key's role (a copy, never saved)."""
    user = key.user
    if _role_rank(key.role) >= _role_rank(_user_role(user)):
        return user
    narrowed = copy.copy(user)
    narrowed._state = copy.copy(user._state)
    narrowed.role, narrowed.is_superuser, narrowed.is_staff = Role.TEAM, False, False
    narrowed.save = _refuse_save
    return narrowed


def _refuse_save(*args, **kwargs):
    raise RuntimeError("A key-narrowed user is a view of the user, not a row to save.")


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """``Authorization: Api-Key <key>``."""

    keyword = HEADER

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].decode("latin-1").lower() != self.keyword.lower():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Give one API key after 'Api-Key'.")
        try:
            raw = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed("Invalid API key.") from None
        key = (
            ApiKey.objects.select_related("user").filter(key_hash=hash_key(raw)).first()
            if len(raw) <= 200
            else None
        )
        if key is None or not key.is_usable() or not key.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid, revoked or expired API key.")
        _record_use(key, request)
        return acting_user(key), key

    def authenticate_header(self, request):
        return self.keyword


try:  # the schema describes it as an API-key header scheme
    from drf_spectacular.extensions import OpenApiAuthenticationExtension

    class ApiKeyScheme(OpenApiAuthenticationExtension):
        target_class = ApiKeyAuthentication
        name = "ApiKeyAuth"

        def get_security_definition(self, auto_schema):
            return {
                "type": "apiKey",
                "in": "header",
                "name": "Authorization",
                "description": "`Api-Key <key>`: a key an admin issued at /api/api-keys.",
            }
except ImportError:  # pragma: no cover - drf-spectacular is a dependency
    pass
