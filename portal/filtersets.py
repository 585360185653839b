"""The portal request list's filters: API, staff inbox, the client's portal, exports."""

import django_filters

from clients.filtersets import client_filter
from localbzz.api.filters import FilterSet, SearchFilter
from team.filtersets import member_filter

from .models import (
    ClientPortalRequest,
    RequestPriority,
    RequestStatus,
    RequestTopic,
    RequestType,
)


class PortalRequestFilterSet(FilterSet):
    search = SearchFilter("content", "client__name", placeholder="Text or client")
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices, empty_label="Any status")
    request_type = django_filters.ChoiceFilter(
        label="Type", choices=RequestType.choices, empty_label="Any type"
    )
    priority = django_filters.ChoiceFilter(
        choices=RequestPriority.choices, empty_label="Any priority"
    )
    topic = django_filters.ChoiceFilter(choices=RequestTopic.choices, empty_label="Any topic")
    client_id = client_filter()
    assigned_to_id = member_filter("assigned_to_id", "Assigned to")

    bar = ("search", "status", "priority", "topic", "client_id", "assigned_to_id")

    class Meta:
        model = ClientPortalRequest
        fields = []
