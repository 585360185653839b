"""Helpers shared by the apps' services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model


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
