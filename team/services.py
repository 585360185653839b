"""Writes to team members."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from localbzz.events.services import emit
from localbzz.services import apply_changes, delete_with_event, validate_and_save

from .models import RoleName, TeamMember, TeamRole


def _roles(names: Iterable[str]) -> list[TeamRole]:
    names = list(dict.fromkeys(names))
    unknown = [n for n in names if n not in RoleName.values]
    if unknown:
        raise ValidationError(
            {"roles": f"Unknown role(s): {', '.join(unknown)}. Use {', '.join(RoleName.values)}."}
        )
    existing = {r.name: r for r in TeamRole.objects.filter(name__in=names)}
    return [existing.get(n) or TeamRole.objects.create(name=n) for n in names]


@transaction.atomic
def team_member_create(*, actor=None, roles: Iterable[str] = (), **data) -> TeamMember:
    """Creates a team member with the given role names."""
    member = TeamMember(**data)
    validate_and_save(member)
    member.roles.set(_roles(roles))
    emit("team_member.created", member, actor=actor)
    return member


@transaction.atomic
def team_member_update(
    *, member: TeamMember, actor=None, roles: Iterable[str] | None = None, **data
) -> TeamMember:
    """Updates a team member; ``roles`` replaces the role list when given."""
    changes = apply_changes(member, data)
    if changes:
        validate_and_save(member)
    if roles is not None:
        before = sorted(member.role_names)
        member.roles.set(_roles(roles))
        after = sorted(r.name for r in member.roles.all())
        if before != after:
            changes["roles"] = {"from": before, "to": after}
    if changes:
        emit("team_member.updated", member, actor=actor, changes=changes)
    return member


@transaction.atomic
def team_member_delete(*, member: TeamMember, actor=None) -> None:
    """Deletes a team member (their assignments go with them)."""
    delete_with_event(member, "team_member.deleted", actor=actor)
