"""Writes to shoots and their crew."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

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
from .selectors import crew_conflicts

#: (team member, role on the shoot) pairs
Crew = Iterable[tuple[TeamMember, str]]
#: a change of these (or of the crew) asks the double-booking question again
TIMING_FIELDS = {"shoot_start", "duration", "status"}


class CrewOverlap(ValidationError):
    """Someone of the crew is booked on another shoot at the same time (the API's 409)."""

    def __init__(self, conflicts: list[ShootAssignment]):
        self.conflicts = conflicts
        super().__init__([describe_conflict(a) for a in conflicts], code="crew_overlap")


def describe_conflict(row: ShootAssignment) -> str:
    """“Maya Lens is already on “Spring menu” for Acme Bakery, Tue 3 Dec 10:00–12:00.”"""
    start = timezone.localtime(row.shoot.shoot_start)
    end = timezone.localtime(row.shoot.shoot_end)
    return (
        f"{row.team_member.name} is already on “{row.shoot.title or 'Shoot'}” for "
        f"{row.shoot.client.name}, {start:%a %-d %b %H:%M}–{end:%H:%M}."
    )


def _require_no_overlap(shoot: Shoot) -> None:
    """Refuses a crew member on two shoots at once (CrewOverlap) unless the caller allowed it."""
    if shoot.status == ShootStatus.CANCELLED:
        return
    members = list(
        ShootAssignment.objects.filter(shoot=shoot).values_list("team_member_id", flat=True)
    )
    conflicts = crew_conflicts(
        start=shoot.shoot_start, end=shoot.shoot_end, member_ids=members, exclude=shoot.pk
    )
    if conflicts:
        raise CrewOverlap(conflicts)


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
def shoot_create(*, actor=None, crew: Crew = (), allow_overlap: bool = False, **data) -> Shoot:
    """Schedules a shoot for a client with its crew; a crew member booked elsewhere at the
    same time is refused (CrewOverlap) unless ``allow_overlap``."""
    shoot = Shoot(**data)
    validate_and_save(shoot)
    _set_crew(shoot, crew)
    if not allow_overlap:
        _require_no_overlap(shoot)  # raising rolls the whole creation back
    emit("shoot.created", shoot, actor=actor)
    return shoot


@transaction.atomic
def shoot_update(
    *, shoot: Shoot, actor=None, crew: Crew | None = None, allow_overlap: bool = False, **data
) -> Shoot:
    """Updates a shoot; ``crew`` replaces the crew when given. A new time, status or crew
    that double-books someone is refused (CrewOverlap) unless ``allow_overlap``."""
    changes = apply_changes(shoot, data)
    if changes:
        validate_and_save(shoot)
    if crew is not None:
        before = sorted((str(a.team_member_id), a.role) for a in shoot.assignments.all())
        _set_crew(shoot, crew)
        after = sorted((str(m.pk), r) for m, r in crew)
        if before != after:
            changes["crew"] = {"from": before, "to": after}
    if not allow_overlap and (TIMING_FIELDS | {"crew"}) & changes.keys():
        _require_no_overlap(shoot)
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
