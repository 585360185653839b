"""Reads of team members, scoped to the user."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from localbzz.accounts.permissions import Action
from shoots.models import Shoot
from tasks.models import Task

from .models import TeamMember, TeamRole


def team_member_list(*, user, action: str = Action.VIEW) -> QuerySet[TeamMember]:
    """The team members ``user`` may see, with their roles prefetched."""
    return TeamMember.objects.visible_to(user, action).prefetch_related(
        Prefetch("roles", queryset=TeamRole.objects.order_by("name"))
    )


def team_member_rows(*, user) -> QuerySet[TeamMember]:
    """The team members ``user`` may see, each with ``upcoming_shoots`` and ``open_tasks``.

    Correlated subqueries: joining both relations at once would multiply the rows.
    """
    upcoming = (
        Shoot.objects.upcoming()
        .planned()
        .filter(assignments__team_member=OuterRef("pk"))
        .order_by()
        .values("assignments__team_member")
        .annotate(n=Count("pk"))
        .values("n")
    )
    open_tasks = (
        Task.objects.open()
        .filter(assignees=OuterRef("pk"))
        .order_by()
        .values("assignees")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return team_member_list(user=user).annotate(
        upcoming_shoots=Coalesce(Subquery(upcoming), 0),
        open_tasks=Coalesce(Subquery(open_tasks), 0),
    )


def team_member_get(*, user, pk) -> TeamMember:
    """One team member ``user`` may see, else 404."""
    member = team_member_list(user=user).filter(pk=pk).first()
    if member is None:
        raise Http404("No such team member.")
    return member


def team_member_options(user):
    """``(id, name)`` of the team members ``user`` sees, for a filter's select."""
    return TeamMember.objects.visible_to(user).order_by("name").values_list("pk", "name")


def active_team_members(user) -> QuerySet[TeamMember]:
    """The active team members ``user`` sees: who can be put on work (form selects)."""
    return TeamMember.objects.visible_to(user).filter(is_active=True)
