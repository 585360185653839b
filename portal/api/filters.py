"""Filters of the portal request lists."""

import django_filters

from localbzz.api.filters import SyncFilterSet
from portal.models import (
    ClientPortalRequest,
    RequestPriority,
    RequestStatus,
    RequestTopic,
    RequestType,
)


class PortalRequestFilter(SyncFilterSet):
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices)
    request_type = django_filters.ChoiceFilter(choices=RequestType.choices)
    priority = django_filters.ChoiceFilter(choices=RequestPriority.choices)
    topic = django_filters.ChoiceFilter(choices=RequestTopic.choices)
    client_id = django_filters.UUIDFilter(field_name="client_id")
    assigned_to_id = django_filters.UUIDFilter(field_name="assigned_to_id")

    class Meta:
        model = ClientPortalRequest
        fields = ["status", "request_type", "priority", "topic", "client_id", "assigned_to_id"]
