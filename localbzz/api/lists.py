"""Every API list, one mechanism: the page and its total in one query, rows from ``.values()``.

``Pagination.paginate_queryset`` folds the total into the page query for every list.
``ValuesPlan`` reads the rows of a list as dicts (``.values()``, no model instance, no
serializer per row) whenever its serializer allows: every field it shows maps to a column or
an annotation of the list's query (``source="user.email"`` -> ``user__email``) and renders
with a stock DRF field. The plan is derived from the serializer itself, so no list declares
its columns twice; a serializer with a nested or computed field (a shoot's crew, a task's
assignees) renders its page's model rows as usual, through the same pagination. A test
compares every list's rows with the serializer's output for the same objects.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import FieldError
from django.db.models import F
from rest_framework import fields, relations, serializers

#: stock fields whose output is the database value as orjson renders it (dates, datetimes in
#: UTC, UUIDs, strings, numbers, JSON lists and dicts of those)
_AS_IS = (
    fields.CharField,
    fields.ChoiceField,
    fields.IntegerField,
    fields.FloatField,
    fields.BooleanField,
    fields.UUIDField,
    fields.DateField,
    fields.JSONField,
)
_CONTAINERS = (fields.ListField, fields.DictField)
#: stock fields rendered by their own ``to_representation`` from the database value
_CONVERTED = (fields.DecimalField, fields.DurationField, fields.TimeField, fields.DateTimeField)

_plans: dict = {}  # (serializer class, hidden fields) -> ValuesPlan | None: code, not data


def _stock(field) -> bool:
    """A DRF field whose reading and rendering are DRF's own (not overridden)."""
    cls = type(field)
    return all(
        getattr(cls, name).__module__.startswith("rest_framework.")
        for name in ("get_attribute", "to_representation")
    )


def _as_is(field) -> bool:
    if isinstance(field, fields.DateTimeField):
        return settings.USE_TZ and settings.TIME_ZONE == "UTC"  # orjson writes ``Z`` as DRF
    if isinstance(field, _CONTAINERS):
        return field.child is None or (isinstance(field.child, _AS_IS) and _stock(field.child))
    return isinstance(field, _AS_IS)


class ValuesPlan:
    """How to read a serializer's rows with ``.values()`` and render them as it would."""

    def __init__(self, same: list, renamed: dict, converted: list):
        self.same = same
        self.renamed = renamed
        self.converted = converted  # (name, field) pairs rendered by the field

    @classmethod
    def of(cls, serializer) -> ValuesPlan | None:
        """The plan of a (bound) serializer, or None when a field needs a model instance."""
        same, renamed, converted = [], {}, []
        for name, field in serializer.fields.items():
            if field.write_only:
                continue
            if isinstance(
                field,
                (
                    serializers.BaseSerializer,
                    relations.RelatedField,
                    relations.ManyRelatedField,
                    fields.SerializerMethodField,
                    fields.ReadOnlyField,
                ),
            ):
                return None
            if field.source == "*" or not _stock(field):
                return None
            path = "__".join(field.source_attrs)
            if path == name:
                same.append(name)
            else:
                renamed[name] = F(path)
            if not _as_is(field):
                if not isinstance(field, _CONVERTED):
                    return None
                converted.append((name, field))
        return cls(same, renamed, converted)

    def queryset(self, queryset):
        """``queryset`` as dict rows, or None when a source is no column of it."""
        try:
            return queryset.values(*self.same, **self.renamed)
        except (FieldError, ValueError):  # a property, or a name taken by a model field
            return None

    def render(self, rows: list) -> list:
        for row in rows:
            for name, field in self.converted:
                value = row[name]
                if value is not None:
                    row[name] = field.to_representation(value)
        return rows


def values_plan(view) -> ValuesPlan | None:
    """The plan of a list view's serializer for this request (built once per serializer
    class and set of fields hidden from the user, when the serializer's fields depend on
    nothing else)."""
    serializer_class = view.get_serializer_class()
    simple = getattr(serializer_class, "fields_depend_on_user_only", None)
    if simple is None or not simple():
        return ValuesPlan.of(view.get_serializer())
    key = (serializer_class, serializer_class.hidden_fields_for(view.request.user))
    if key not in _plans:
        _plans[key] = ValuesPlan.of(view.get_serializer())
    return _plans[key]


class RenderedRows(list):
    """A page whose rows are already rendered (the serializer is skipped for them)."""

    @property
    def data(self):
        return self
