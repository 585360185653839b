"""Filters of the deliverable list."""

import django_filters

from deliverables.models import Deliverable, DeliverableStatus, DeliverableType
from localbzz.api.filters import SyncFilterSet


class DeliverableFilter(SyncFilterSet):
    status = django_filters.ChoiceFilter(choices=DeliverableStatus.choices)
    deliverable_type = django_filters.ChoiceFilter(choices=DeliverableType.choices)
    client_id = django_filters.UUIDFilter(field_name="client_id")
    shoot_id = django_filters.UUIDFilter(field_name="shoot_id")
    assignee_id = django_filters.UUIDFilter(field_name="assignee_id")
    due_date = django_filters.DateFromToRangeFilter()

    class Meta:
        model = Deliverable
        fields = ["status", "deliverable_type", "client_id", "shoot_id", "assignee_id", "due_date"]
