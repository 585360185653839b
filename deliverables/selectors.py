"""Reads of deliverables, scoped to the user."""

from __future__ import annotations

from django.db.models import QuerySet

from localbzz.accounts.permissions import Action

from .models import Deliverable


def deliverable_list(*, user, action: str = Action.VIEW) -> QuerySet[Deliverable]:
    """The deliverables ``user`` may see (the representation needs no join)."""
    return Deliverable.objects.visible_to(user, action)
