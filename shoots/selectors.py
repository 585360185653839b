"""Reads of shoots, scoped to the user, with their crew."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from localbzz.accounts.permissions import Action

from .models import Shoot, ShootAssignment


def shoot_list(*, user, action: str = Action.VIEW) -> QuerySet[Shoot]:
    """The shoots ``user`` may see, with the crew (and their names) prefetched."""
    return Shoot.objects.visible_to(user, action).prefetch_related(
        Prefetch(
            "assignments",
            queryset=ShootAssignment.objects.select_related("team_member").order_by(
                "team_member__name"
            ),
        )
    )
