"""The team member list's filters: API, dashboard list, exports."""

import django_filters

from localbzz.api.filters import FilterSet, FlagFilter, SearchFilter

from .models import RoleName, TeamMember


class TeamMemberFilterSet(FilterSet):
    search = SearchFilter("name", "email", placeholder="Name or email")
    role = django_filters.ChoiceFilter(
        field_name="roles__name", choices=RoleName.choices, distinct=True, empty_label="Any role"
    )
    is_active = FlagFilter(label="Active", labels=("Everyone", "Active", "Inactive"))

    bar = ("search", "role", "is_active")

    class Meta:
        model = TeamMember
        fields = []
