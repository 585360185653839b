"""The portal request list's filters: API, staff inbox, the client's portal, exports."""

import django_filters

from clients.selectors import client_options
from localbzz.api.filters import FilterSet, ReferenceFilter, SearchFilter
from team.selectors import team_member_options

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
    client_id = ReferenceFilter(
        label="Client", field_name="client_id", options=client_options, empty_label="Any client"
    )
    assigned_to_id = ReferenceFilter(
        label="Assigned to",
        field_name="assigned_to_id",
        options=team_member_options,
        empty_label="Anyone",
    )

    bar = ("search", "status", "priority", "topic", "client_id", "assigned_to_id")

    class Meta:
        model = ClientPortalRequest
        fields = []
