"""Filters of the client list."""

import django_filters

from clients.models import Client, ClientStatus, ContactMethod, ShootFrequency
from localbzz.api.filters import SyncFilterSet


class ClientFilter(SyncFilterSet):
    status = django_filters.ChoiceFilter(choices=ClientStatus.choices)
    shoot_frequency = django_filters.ChoiceFilter(choices=ShootFrequency.choices)
    preferred_contact_method = django_filters.ChoiceFilter(choices=ContactMethod.choices)
    client_portal_subdomain = django_filters.CharFilter()

    class Meta:
        model = Client
        fields = ["status", "shoot_frequency", "preferred_contact_method"]
