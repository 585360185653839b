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


def optional_fk(
    to: str | type[models.Model], *, related_name: str, one_to_one: bool = False, **kwargs
) -> models.ForeignKey:
    """A link that may be left empty and is emptied (``SET_NULL``) when its target is
    deleted; ``one_to_one`` for a ``OneToOneField``."""
    field = models.OneToOneField if one_to_one else models.ForeignKey
    return field(
        to,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **kwargs,
    )


def choice_field(
    choices: type[models.Choices], default: str, *, max_length: int, db_index: bool = True
) -> models.CharField:
    """A text column holding one value of ``choices`` (a status, a type, a priority),
    indexed for the filters unless ``db_index=False``."""
    return models.CharField(
        max_length=max_length, choices=choices.choices, default=default, db_index=db_index
    )


def choices_constraint(
    field: str, choices: type[models.Choices], name: str
) -> models.CheckConstraint:
    """A database check constraint that keeps ``field`` inside an enumeration."""
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": choices.values}), name=name)


def related_count(model: type[models.Model], relation: str) -> models.Expression:
    """The number of rows of ``model``'s reverse relation ``relation`` (``"attachments"``), as
    a correlated subquery: no join, no GROUP BY, so lists, counts and aggregates keep their
    shape. The related model comes from the relation itself: no app is named here."""
    field = model._meta.get_field(relation)
    rows = (
        field.related_model._default_manager.filter(**{field.field.name: models.OuterRef("pk")})
        .order_by()
        .values(field.field.name)
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    return models.functions.Coalesce(models.Subquery(rows, output_field=models.IntegerField()), 0)


class RelatedCount:
    """A model attribute holding the number of rows of a reverse relation: the value of the
    annotation of the same name when a selector read the row with ``related_count`` (lists:
    no query per row), else one COUNT query (a single object, an event's representation)."""

    def __init__(self, relation: str):
        self.relation = relation
        self.name = ""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        if self.name in obj.__dict__:
            return obj.__dict__[self.name]
        if obj.pk is None or obj._state.adding:
            return 0
        return getattr(obj, self.relation).count()

    def __set__(self, obj, value) -> None:
        obj.__dict__[self.name] = value
