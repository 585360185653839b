"""What feeds the audit trail besides direct ``record`` calls.

- every event the services emit (every create/update/delete from every surface: API,
  dashboard, portal, admin, imports, jobs), in the event's own transaction: its type, actor,
  object and ``changes`` (before/after), secrets redacted; a deletion keeps the object as it
  was;
- sign-ins on the session surfaces (success and failure: Django's own signals, which the JWT
  sign-in also sends on failure) and sign-outs.
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save

from localbzz.crypto import SEALED
from localbzz.events.models import Event

from .trail import record


def _opaque(value):
    """Encrypted-at-rest values (``enc:...`` in event payloads) as ``[encrypted]``: the trail
    says that such a field changed, never its value (so key rotation and erasure need not
    touch the chained entries)."""
    if isinstance(value, str) and value.startswith(SEALED):
        return "[encrypted]"
    if isinstance(value, dict):
        return {k: _opaque(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_opaque(v) for v in value]
    return value


def on_event(sender, instance: Event, created: bool, **kwargs) -> None:
    if not created:
        return
    data = instance.data or {}
    detail = {"changes": _opaque(data.get("changes") or {})}
    if instance.type.endswith(".deleted"):
        detail["before"] = _opaque(data.get("object") or {})
    record(
        instance.type,
        actor=instance.actor if instance.actor_id else None,
        object_type=instance.object_type,
        object_id=instance.object_id,
        detail=detail,
        occurred_at=instance.occurred_at,
    )


def on_sign_in(sender, request, user, **kwargs) -> None:
    record("auth.signed_in", actor=user, object_type="accounts.user", object_id=user.pk,
           request=request)  # fmt: skip


def on_sign_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record("auth.signed_out", actor=user, object_type="accounts.user", object_id=user.pk,
               request=request)  # fmt: skip


def on_sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    login = str(credentials.get("username") or credentials.get("email") or "")[:254]
    record("auth.sign_in_failed", actor_label=login, request=request)


def connect() -> None:
    post_save.connect(on_event, sender=Event, dispatch_uid="audit-event")
    user_logged_in.connect(on_sign_in, dispatch_uid="audit-sign-in")
    user_logged_out.connect(on_sign_out, dispatch_uid="audit-sign-out")
    user_login_failed.connect(on_sign_in_failed, dispatch_uid="audit-sign-in-failed")
