"""Writes to deliverables, including a client's review decision."""

from __future__ import annotations

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

from .models import Deliverable, DeliverableReview, DeliverableStatus, ReviewDecision


def _default_client_from_shoot(data: dict) -> None:
    shoot = data.get("shoot")
    if shoot is not None and data.get("client") is None and data.get("client_id") is None:
        data["client"] = shoot.client


@transaction.atomic
def deliverable_create(*, actor=None, **data) -> Deliverable:
    """Creates a deliverable (its client defaults to the shoot's client)."""
    _default_client_from_shoot(data)
    deliverable = Deliverable(**data)
    deliverable.status_changed_at = timezone.now()
    validate_and_save(deliverable)
    emit("deliverable.created", deliverable, actor=actor)
    return deliverable


@transaction.atomic
def deliverable_update(*, deliverable: Deliverable, actor=None, **data) -> Deliverable:
    """Updates a deliverable; a status change stamps ``status_changed_at`` and emits."""
    changes = apply_changes(deliverable, data)
    if not changes:
        return deliverable
    if "status" in changes:
        deliverable.status_changed_at = timezone.now()
    validate_and_save(deliverable)
    emit_update("deliverable", deliverable, changes, actor=actor)
    return deliverable


def deliverable_set_status(*, deliverable: Deliverable, status: str, actor=None) -> Deliverable:
    """Moves a deliverable to another status (any move is allowed for staff)."""
    require_status(status, DeliverableStatus, "deliverable")
    return deliverable_update(deliverable=deliverable, actor=actor, status=status)


@transaction.atomic
def deliverable_review(
    *, deliverable: Deliverable, actor, decision: str, comment: str = ""
) -> DeliverableReview:
    """A client approves a deliverable in Needs Review or asks for changes.

    Approve moves it to Ready-To-Post; a change request moves it back to In Progress and
    requires a comment, which reaches the assignee through the event.
    """
    deliverable = Deliverable.objects.select_for_update().get(pk=deliverable.pk)
    if not allows(actor, Action.REVIEW, deliverable):
        if deliverable.status != DeliverableStatus.NEEDS_REVIEW:
            raise ValidationError({"status": "Only a deliverable in Needs Review can be reviewed."})
        raise PermissionDenied("You may not review this deliverable.")
    comment = (comment or "").strip()
    if decision == ReviewDecision.APPROVED:
        new_status = DeliverableStatus.READY_TO_POST
    elif decision == ReviewDecision.CHANGES_REQUESTED:
        if not comment:
            raise ValidationError({"comment": "Say what should change."})
        new_status = DeliverableStatus.IN_PROGRESS
    else:
        choices = f"{ReviewDecision.APPROVED!r} or {ReviewDecision.CHANGES_REQUESTED!r}"
        raise ValidationError({"decision": f"Use {choices}."})
    review = DeliverableReview.objects.create(
        deliverable=deliverable, decision=decision, comment=comment, reviewed_by=actor
    )
    old = deliverable.status
    deliverable.status = new_status
    deliverable.status_changed_at = timezone.now()
    deliverable.save(update_fields=["status", "status_changed_at", "updated_at"])
    emit(
        "deliverable.status_changed",
        deliverable,
        actor=actor,
        changes={
            "status": {"from": old, "to": new_status},
            "review": {"decision": decision, "comment": comment},
        },
    )
    return review


@transaction.atomic
def deliverable_delete(*, deliverable: Deliverable, actor=None) -> None:
    """Deletes a deliverable."""
    delete_with_event(deliverable, "deliverable.deleted", actor=actor)
