"""The team member list's filters: API, dashboard list, exports."""

import django_filters

from localbzz.api.filters import FilterSet, FlagFilter, ReferenceFilter, SearchFilter

from .models import RoleName, TeamMember
from .selectors import team_member_options


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


def member_filter(field_name: str, label: str) -> ReferenceFilter:
    """A reference to a team member (a select of the visible members on pages)."""
    return ReferenceFilter(
        label=label, field_name=field_name, options=team_member_options, empty_label="Anyone"
    )
