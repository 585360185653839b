"""Building blocks of the apps' FilterSets (``<app>/filtersets.py``).

One FilterSet per entity is the only place its list filters exist: the API list, the dashboard
list page (its filter bar is the FilterSet's form), the portal pages and the exports bind it to
the same query string, so every surface speaks the API's parameter names.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.choices import BaseChoiceIterator
from rest_framework import filters, serializers

from localbzz.widgets import FastSelect

#: a search is at most this many words of at most this many characters in all, so that a
#: hostile query string cannot build a statement the database refuses (1,500 terms on SQLite)
MAX_SEARCH_TERMS = 10
MAX_SEARCH_LENGTH = 200


def search_terms(text: str) -> list[str]:
    """The words of a search, split on spaces and commas as DRF's SearchFilter splits them."""
    return text.replace("\x00", "").replace(",", " ").split()


class SearchField(forms.CharField):
    """Free text, cleaned to its words; too long or too many words is a validation error."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_SEARCH_LENGTH)
        super().__init__(**kwargs)

    def clean(self, value):
        terms = search_terms(super().clean(value) or "")
        if len(terms) > MAX_SEARCH_TERMS:
            raise ValidationError(
                f"Search for at most {MAX_SEARCH_TERMS} words at a time.", code="max_terms"
            )
        return terms


class SearchFilter(django_filters.CharFilter):
    """``search``: every word must appear (case-insensitive) in one of ``fields``."""

    field_class = SearchField

    def __init__(self, *fields: str, placeholder: str = "Search", **kwargs):
        self.search_fields = fields
        kwargs.setdefault("label", "Search")
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"type": "search", "placeholder": placeholder})
        )
        super().__init__(**kwargs)

    def filter(self, qs, value):
        for term in value or ():
            match = Q()
            for name in self.search_fields:
                match |= Q(**{f"{name}__icontains": term})
            qs = qs.filter(match)
        return qs


class BoundedSearchFilter(filters.SearchFilter):
    """DRF's ``search`` backend (views that set ``search_fields`` rather than a FilterSet) with
    the same limits: too long or too many words is a 400, never a statement the database
    refuses."""

    def get_search_terms(self, request):
        try:
            return SearchField(required=False).clean(request.query_params.get(self.search_param))
        except ValidationError as exc:
            raise serializers.ValidationError({self.search_param: exc.messages}) from exc


class FlagField(forms.Field):
    """A yes/no filter value: ``true``/``false`` (also ``1``/``0``), empty for either."""

    TRUE = frozenset({"true", "1", "yes", "on"})
    FALSE = frozenset({"false", "0", "no", "off"})

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValidationError("Use true or false.", code="invalid")


class FlagSelect(FastSelect):
    """The select of a FlagField, which shows ``1`` or ``True`` as the ``true`` option."""

    def format_value(self, value):
        try:
            return [{True: "true", False: "false"}[FlagField().to_python(value)]]
        except (ValidationError, KeyError):
            return []


class FlagFilter(django_filters.BooleanFilter):
    """A yes/no filter (``is_active=true``); ``labels`` name the empty, true and false options.

    With ``rules=(yes, no)`` it calls those QuerySet methods (``open=false`` → ``.done()``)
    instead of comparing a field.
    """

    field_class = FlagField

    def __init__(self, *args, labels=("Any", "Yes", "No"), rules=None, **kwargs):
        empty, yes, no = labels
        self.rules = rules
        kwargs.setdefault("widget", FlagSelect(choices=[("", empty), ("true", yes), ("false", no)]))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if self.rules is None or value is None:
            return super().filter(qs, value)
        return getattr(qs, self.rules[0] if value else self.rules[1])()


class RuleFilter(django_filters.ChoiceFilter):
    """A named rule (``due=overdue``): each choice calls a method of the model's QuerySet.

    ``rules`` maps the parameter's value to ``(label, queryset method name)``.
    """

    def __init__(self, *args, rules: dict, **kwargs):
        self.rules = rules
        kwargs["choices"] = [(value, label) for value, (label, _method) in rules.items()]
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return getattr(qs, self.rules[value][1])()


class _Options(BaseChoiceIterator):
    """The options of a reference select, read from the database only when a page renders."""

    def __init__(self, rows, empty_label: str):
        self.rows = rows
        self.empty_label = empty_label

    def __iter__(self):
        yield ("", self.empty_label)
        for pk, label in self.rows():
            yield (str(pk), label)


class ReferenceFilter(django_filters.UUIDFilter):
    """A reference by id (``client_id=<uuid>``).

    The API takes any UUID (an unknown one simply matches nothing). On a page the field is a
    select of ``options(user)`` (a queryset of ``(pk, label)`` rows the user may see), read
    only when the filter bar is rendered.
    """

    def __init__(self, *args, options=None, empty_label: str = "Any", **kwargs):
        self.options = options
        self.empty_label = empty_label
        self.user = None
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            field = super().field
            if self.options is not None:
                user, options = self.user, self.options
                field.widget = FastSelect(choices=_Options(lambda: options(user), self.empty_label))
        return self._field


class FilterSet(django_filters.FilterSet):
    """The base of every app's FilterSet.

    Every list filters by ``updated_after`` (ISO 8601) for synchronisation. ``bar`` names the
    filters the dashboard's filter bar shows; the others still work from the query string and
    ride along as hidden inputs.
    """

    updated_after = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    bar: tuple[str, ...] = ()

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        user = getattr(request, "user", None)
        for flt in self.filters.values():
            if isinstance(flt, ReferenceFilter):
                flt.user = user

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for name, field in form.fields.items():
                if name in self.bar:
                    continue
                if isinstance(field.widget, forms.MultiWidget):  # a from/to range
                    field.widget.widgets = [forms.HiddenInput() for _ in field.widget.widgets]
                else:
                    field.widget = forms.HiddenInput()
        return self._form

    def rows(self):
        """The filtered rows, or none at all while a filter value is invalid (pages)."""
        if self.is_bound and not self.is_valid():
            return self.queryset.none()
        return self.qs
