"""Filters of the team member list."""

import django_filters

from localbzz.api.filters import SyncFilterSet
from team.models import RoleName, TeamMember


class TeamMemberFilter(SyncFilterSet):
    role = django_filters.ChoiceFilter(
        field_name="roles__name", choices=RoleName.choices, distinct=True
    )
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = TeamMember
        fields = ["role", "is_active"]
