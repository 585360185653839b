"""Reads of shoots, scoped to the user, with their crew."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from localbzz.accounts.permissions import Action
from localbzz.db import related_count

from .models import Shoot, ShootAssignment


def shoot_list(*, user, action: str = Action.VIEW) -> QuerySet[Shoot]:
    """The shoots ``user`` may see, with the crew (and their names) prefetched and
    ``attachments_count``."""
    shoots = Shoot.objects.visible_to(user, action)
    shoots = shoots.annotate(attachments_count=related_count(Shoot, "attachments"))
    return shoots.prefetch_related(
        Prefetch(
            "assignments",
            queryset=ShootAssignment.objects.select_related("team_member").order_by(
                "team_member__name"
            ),
        )
    )


def shoot_rows(*, user) -> QuerySet[Shoot]:
    """The shoots ``user`` may see, with the client and crew a page shows."""
    return shoot_list(user=user).select_related("client")


def shoot_get(*, user, pk, action: str = Action.VIEW) -> Shoot:
    """One shoot ``user`` may act on (a hidden one is missing: 404), with client and crew."""
    return get_object_or_404(shoot_list(user=user, action=action).select_related("client"), pk=pk)


def crew_conflicts(*, start, end, member_ids, exclude=None) -> list[ShootAssignment]:
    """Crew rows of other shoots that put one of ``member_ids`` somewhere else between
    ``start`` and ``end`` (cancelled shoots and the shoot ``exclude`` left out), soonest first.

    Not scoped to a user: a double-booking is a fact whoever books; only staff book shoots.
    """
    if not member_ids:
        return []
    rows = ShootAssignment.objects.filter(
        team_member_id__in=member_ids,
        shoot__in=Shoot.objects.overlapping(start, end).values("pk"),
    )
    if exclude is not None:
        rows = rows.exclude(shoot_id=exclude)
    return list(
        rows.select_related("shoot__client", "team_member").order_by(
            "shoot__shoot_start", "team_member__name"
        )
    )
