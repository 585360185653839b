"""Writes to users: the REST API's user management and the admin both come here.

Each write emits ``user.created`` / ``user.updated`` / ``user.deleted`` (audit-only types,
not offered to webhooks) so the audit log shows it. A password is never in an event: a new
one shows as ``{"password": {"changed": true}}``, the representation has no hash.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction

from localbzz.events.services import emit
from localbzz.services import apply_changes, validate_and_save

from .models import Role, User
from .revocation import revoke_refresh_tokens


def user_representation(user: User) -> dict:
    """A user in events (the audit log): who it is and what it may do, never its password."""
    return {
        "id": str(user.pk),
        "email": user.email,
        "full_name": user.full_name,
        "role": user.role,
        "client": str(user.client_id) if user.client_id else None,
        "team_member": str(user.team_member_id) if user.team_member_id else None,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
    }


def validate_password(password: str, user: User) -> None:
    """Runs the configured password validators; errors land on the ``password`` field."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc


@transaction.atomic
def user_create(
    *, actor=None, email: str, password: str | None, role: str = Role.TEAM, **data
) -> User:
    """Creates a user after validating the password against the configured validators."""
    user = User(email=User.objects.normalize_email(email), role=role, **data)
    if role == Role.ADMIN:
        user.is_staff = True
    if password is None:  # invited, or the admin chose "no password-based sign-in"
        user.set_unusable_password()
    else:
        validate_password(password, user)
        user.set_password(password)
    validate_and_save(user, exclude=["password"])
    emit("user.created", user, actor=actor, representation=user_representation(user))
    return user


@transaction.atomic
def user_update(*, user: User, actor=None, password: str | None = None, **data) -> User:
    """Updates a user's fields; a new password is validated first."""
    if "email" in data:
        data["email"] = User.objects.normalize_email(data["email"])
    changes = apply_changes(user, data)
    if "role" in data:
        user.is_staff = user.role == Role.ADMIN or user.is_superuser
    if password is not None:
        validate_password(password, user)
        user.set_password(password)
        changes["password"] = {"changed": True}
    if changes:
        validate_and_save(user, exclude=["password"])
        emit(
            "user.updated",
            user,
            actor=actor,
            changes=changes,
            representation=user_representation(user),
        )
    return user


@transaction.atomic
def user_password_changed(*, user: User, actor=None) -> None:
    """Records a password set by a form of its own (the admin's password page)."""
    emit(
        "user.updated",
        user,
        actor=actor,
        changes={"password": {"changed": True}},
        representation=user_representation(user),
    )


@transaction.atomic
def user_delete(*, user: User, actor=None) -> None:
    """Deletes a user (their time entries go with them); its refresh tokens stop working."""
    revoke_refresh_tokens(user)
    emit("user.deleted", user, actor=actor, representation=user_representation(user))
    user.delete()
