"""The shoot list's filters: API, dashboard list, client portal, exports."""

import django_filters

from clients.filtersets import client_filter
from localbzz.api.filters import FilterSet, RuleFilter, SearchFilter
from team.filtersets import member_filter

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
    client_id = client_filter()
    team_member_id = member_filter("assignments__team_member_id", "Crew")
    when = RuleFilter(label="When", rules=WHEN_RULES, empty_label="Any time")
    shoot_start = django_filters.IsoDateTimeFromToRangeFilter()

    bar = ("search", "status", "client_id", "team_member_id", "when")

    class Meta:
        model = Shoot
        fields = []
