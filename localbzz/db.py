"""Shared model building blocks."""

import uuid

from django.db import models


class BaseModel(models.Model):
    """UUID primary key and creation / modification times, for every entity."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


def choices_constraint(
    field: str, choices: type[models.Choices], name: str
) -> models.CheckConstraint:
    """A database check constraint that keeps ``field`` inside an enumeration."""
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": choices.values}), name=name)
