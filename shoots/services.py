"""Writes to shoots and their crew."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from localbzz.accounts.permissions import Action, allows
from localbzz.events.services import emit
from localbzz.services import (
    apply_changes,
    delete_with_event,
    emit_update,
    require_status,
    validate_and_save,
)
from team.models import RoleName, TeamMember

from .models import Shoot, ShootAssignment, ShootStatus

#: (team member, role on the shoot) pairs
Crew = Iterable[tuple[TeamMember, str]]


def _set_crew(shoot: Shoot, crew: Crew) -> None:
    crew = list(crew)
    seen: set = set()
    for member, role in crew:
        if role not in RoleName.values:
            raise ValidationError(
                {"team": f"'{role}' is not a role. Use {', '.join(RoleName.values)}."}
            )
        if member.pk in seen:
            raise ValidationError({"team": f"{member} is on the crew twice."})
        seen.add(member.pk)
    shoot.assignments.all().delete()
    ShootAssignment.objects.bulk_create(
        [ShootAssignment(shoot=shoot, team_member=member, role=role) for member, role in crew]
    )


@transaction.atomic
def shoot_create(*, actor=None, crew: Crew = (), **data) -> Shoot:
    """Schedules a shoot for a client with its crew."""
    shoot = Shoot(**data)
    validate_and_save(shoot)
    _set_crew(shoot, crew)
    emit("shoot.created", shoot, actor=actor)
    return shoot


@transaction.atomic
def shoot_update(*, shoot: Shoot, actor=None, crew: Crew | None = None, **data) -> Shoot:
    """Updates a shoot; ``crew`` replaces the crew when given."""
    changes = apply_changes(shoot, data)
    if changes:
        validate_and_save(shoot)
    if crew is not None:
        before = sorted((str(a.team_member_id), a.role) for a in shoot.assignments.all())
        _set_crew(shoot, crew)
        after = sorted((str(m.pk), r) for m, r in crew)
        if before != after:
            changes["crew"] = {"from": before, "to": after}
    emit_update("shoot", shoot, changes, actor=actor)
    return shoot


def shoot_set_status(*, shoot: Shoot, status: str, actor=None) -> Shoot:
    """Moves a shoot to Scheduled, Postponed, Completed or Cancelled."""
    require_status(status, ShootStatus, "shoot")
    return shoot_update(shoot=shoot, actor=actor, status=status)


@transaction.atomic
def shoot_delete(*, shoot: Shoot, actor=None) -> None:
    """Deletes a shoot; team members may not delete a completed one."""
    if actor is not None and not allows(actor, Action.DELETE, shoot):
        raise PermissionDenied("A completed shoot can only be deleted by an admin.")
    delete_with_event(shoot, "shoot.deleted", actor=actor)
