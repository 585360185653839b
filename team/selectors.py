"""Reads of team members, scoped to the user."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from localbzz.accounts.permissions import Action

from .models import TeamMember, TeamRole


def team_member_list(*, user, action: str = Action.VIEW) -> QuerySet[TeamMember]:
    """The team members ``user`` may see, with their roles prefetched."""
    return TeamMember.objects.visible_to(user, action).prefetch_related(
        Prefetch("roles", queryset=TeamRole.objects.order_by("name"))
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
