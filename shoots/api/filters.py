"""Filters of the shoot list."""

import django_filters

from localbzz.api.filters import SyncFilterSet
from shoots.models import Shoot, ShootStatus


class ShootFilter(SyncFilterSet):
    status = django_filters.ChoiceFilter(choices=ShootStatus.choices)
    client_id = django_filters.UUIDFilter(field_name="client_id")
    team_member_id = django_filters.UUIDFilter(
        field_name="assignments__team_member_id", distinct=True
    )
    shoot_start = django_filters.IsoDateTimeFromToRangeFilter()

    class Meta:
        model = Shoot
        fields = ["status", "client_id", "team_member_id", "shoot_start"]
