"""Helpers shared by the apps' services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Choices, Model

from localbzz.events.services import emit


def _plain(value: Any) -> Any:
    if isinstance(value, Model):
        return str(value.pk)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "total_seconds"):
        return value.total_seconds()
    if hasattr(value, "hex") and not isinstance(value, (bytes, str)):
        return str(value)
    return value


def apply_changes(
    instance: Model, data: dict[str, Any], *, allowed: set[str] | None = None
) -> dict:
    """Sets ``data`` on ``instance`` and returns ``{field: {"from": old, "to": new}}``.

    Only concrete, editable, non-m2m fields are set. Unknown fields raise ValidationError.
    """
    changes: dict[str, dict] = {}
    fields = {f.name: f for f in instance._meta.concrete_fields}
    for name, value in data.items():
        attname = name
        field = fields.get(name)
        if field is None:
            field = next((f for f in fields.values() if f.attname == name), None)
        if field is None or (allowed is not None and field.name not in allowed):
            raise ValidationError({name: "This field cannot be set."})
        attname = field.attname
        if field.is_relation and isinstance(value, Model):
            old = getattr(instance, attname)
            new = value.pk
            if old != new:
                changes[field.name] = {"from": _plain(old), "to": _plain(new)}
            setattr(instance, field.name, value)
            continue
        old = getattr(instance, attname)
        if old != value:
            changes[field.name] = {"from": _plain(old), "to": _plain(value)}
        setattr(instance, attname, value)
    return changes


def validate_and_save(instance: Model, *, exclude: list[str] | None = None) -> None:
    """Runs every model validation, then saves."""
    instance.full_clean(exclude=exclude)
    instance.save()


def require_status(status: str, choices: type[Choices], noun: str) -> None:
    """Refuses a ``status`` that is not one of ``choices`` (a ValidationError on ``status``
    naming the ``noun``: "'Lost' is not a shoot status.")."""
    if status not in choices.values:
        raise ValidationError({"status": f"'{status}' is not a {noun} status."})


def save_changes(instance: Model, data: dict[str, Any], event_type: str, *, actor=None) -> dict:
    """An update service's core: sets ``data`` on ``instance`` and, when anything changed,
    validates and saves it and emits ``event_type`` with the changes (returned)."""
    changes = apply_changes(instance, data)
    if changes:
        validate_and_save(instance)
        emit(event_type, instance, actor=actor, changes=changes)
    return changes


def emit_update(entity: str, instance: Model, changes: dict, *, actor=None) -> None:
    """``<entity>.status_changed`` when the status moved, then ``<entity>.updated`` with
    every change; nothing when nothing changed."""
    if "status" in changes:
        emit(
            f"{entity}.status_changed", instance, actor=actor, changes={"status": changes["status"]}
        )
    if changes:
        emit(f"{entity}.updated", instance, actor=actor, changes=changes)


def delete_with_event(instance: Model, event_type: str, *, actor=None) -> None:
    """A delete service's core: the event first (it represents the row as it was), then
    the delete."""
    emit(event_type, instance, actor=actor)
    instance.delete()
