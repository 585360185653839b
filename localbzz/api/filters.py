"""Filter building blocks shared by the apps' FilterSets."""

import django_filters


class SyncFilterSet(django_filters.FilterSet):
    """Every list filters by ``updated_after`` (ISO 8601) for synchronisation."""

    updated_after = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
