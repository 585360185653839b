"""What the kernel itself holds about a person: the user account, notifications, audit
entries (registered by ``AuditConfig.ready()``; the entity apps register their own)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from localbzz.accounts.mfa import is_enrolled
from localbzz.accounts.otp import RecoveryCodeDevice, TotpDevice
from localbzz.events.models import Notification
from localbzz.privacy import ERASED_NAME, erased_email, register_privacy_handler, row_dict

from .models import AuditEntry

_USER_FIELDS = ("id", "email", "full_name", "role", "client_id", "team_member_id", "is_active",
                "last_login", "date_joined")  # fmt: skip


def export_user(email, user):
    if user is None:
        return []
    row = {k: v for k, v in row_dict(user).items() if k in _USER_FIELDS}
    row["two_factor_sign_in"] = is_enrolled(user)
    return [row]


def user_identifiers(email, user):
    return [user.full_name] if user is not None else []


def erase_user(email, user, values) -> int:
    """The account stays (its deliverables, replies and reviews keep an author), as
    "Erased person" with an undeliverable e-mail, no password, inactive (tokens and keys
    revoked)."""
    if user is None:
        return 0
    user.email = erased_email(user.pk)
    user.full_name = ERASED_NAME
    user.is_active = False
    user.set_unusable_password()
    user.save()
    TotpDevice.objects.filter(user=user).delete()  # second factors go with the account
    RecoveryCodeDevice.objects.filter(user=user).delete()
    return 1


def export_notifications(email, user):
    return Notification.objects.filter(user=user) if user is not None else []


def erase_notifications(email, user, values) -> int:
    if user is None:
        return 0
    return Notification.objects.filter(user=user).delete()[0]


def export_audit(email, user):
    match = Q(actor_label__iexact=email)
    if user is not None:
        match |= Q(actor_id=str(user.pk)) | Q(object_id=str(user.pk))
    return [
        {k: v for k, v in row_dict(e).items() if k not in ("digest", "prev_hash", "hash")}
        for e in AuditEntry.objects.filter(match).order_by("id")
    ]


def register() -> None:
    label = get_user_model()._meta.label_lower
    register_privacy_handler(
        label, export=export_user, erase=erase_user, identifiers=user_identifiers
    )
    register_privacy_handler(
        "events.notification", export=export_notifications, erase=erase_notifications
    )
    # the trail is blanked by erase_person itself (its chained part must not be swept)
    register_privacy_handler("audit", export=export_audit, erase=lambda *a: 0, sweep=False)
