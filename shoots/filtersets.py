"""The shoot list's filters: API, dashboard list, client portal, exports."""

import django_filters

from clients.selectors import client_options
from localbzz.api.filters import FilterSet, ReferenceFilter, RuleFilter, SearchFilter
from team.selectors import team_member_options

from .models import Shoot, ShootStatus

WHEN_RULES = {
    "today": ("Today", "today"),
    "week": ("This week", "this_week"),
    "upcoming": ("Upcoming", "upcoming"),
    "past": ("Past", "past"),
}


class ShootFilterSet(FilterSet):
    search = SearchFilter("title", "location", "client__name", placeholder="Title, client, place")
    status = django_filters.ChoiceFilter(choices=ShootStatus.choices, empty_label="Any status")
    client_id = ReferenceFilter(
        label="Client", field_name="client_id", options=client_options, empty_label="Any client"
    )
    team_member_id = ReferenceFilter(
        label="Crew",
        field_name="assignments__team_member_id",
        distinct=True,
        options=team_member_options,
        empty_label="Anyone",
    )
    when = RuleFilter(label="When", rules=WHEN_RULES, empty_label="Any time")
    shoot_start = django_filters.IsoDateTimeFromToRangeFilter()

    bar = ("search", "status", "client_id", "team_member_id", "when")

    class Meta:
        model = Shoot
        fields = []
