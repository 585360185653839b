"""Reads of users, scoped to the user (admins only)."""

from __future__ import annotations

from django.db.models import QuerySet

from localbzz.accounts.permissions import Action, scope

from .models import User


def user_list(*, user, action: str = Action.VIEW) -> QuerySet[User]:
    """The users ``user`` may manage."""
    return scope(User.objects.all(), user, action)
