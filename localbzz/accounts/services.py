"""Writes to users (the REST API's user management for admins)."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction

from localbzz.services import apply_changes, validate_and_save

from .models import Role, User
from .revocation import revoke_refresh_tokens


def validate_password(password: str, user: User) -> None:
    """Runs the configured password validators; errors land on the ``password`` field."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc


@transaction.atomic
def user_create(*, actor=None, email: str, password: str, role: str = Role.TEAM, **data) -> User:
    """Creates a user after validating the password against the configured validators."""
    user = User(email=User.objects.normalize_email(email), role=role, **data)
    if role == Role.ADMIN:
        user.is_staff = True
    validate_password(password, user)
    user.set_password(password)
    validate_and_save(user, exclude=["password"])
    return user


@transaction.atomic
def user_update(*, user: User, actor=None, password: str | None = None, **data) -> User:
    """Updates a user's fields; a new password is validated first."""
    if "email" in data:
        data["email"] = User.objects.normalize_email(data["email"])
    apply_changes(user, data)
    if "role" in data:
        user.is_staff = user.role == Role.ADMIN or user.is_superuser
    if password is not None:
        validate_password(password, user)
        user.set_password(password)
    validate_and_save(user, exclude=["password"])
    return user


@transaction.atomic
def user_delete(*, user: User, actor=None) -> None:
    """Deletes a user (their time entries go with them); its refresh tokens stop working."""
    revoke_refresh_tokens(user)
    user.delete()
