"""The client list's filters: API, dashboard list, exports."""

import django_filters

from localbzz.api.filters import FilterSet, SearchFilter

from .models import Client, ClientStatus, ContactMethod, ShootFrequency


class ClientFilterSet(FilterSet):
    search = SearchFilter(
        "name",
        "primary_contact_name",
        "email",
        "client_portal_subdomain",
        placeholder="Name, contact, email",
    )
    status = django_filters.ChoiceFilter(choices=ClientStatus.choices, empty_label="Any status")
    shoot_frequency = django_filters.ChoiceFilter(
        label="Frequency", choices=ShootFrequency.choices, empty_label="Any frequency"
    )
    preferred_contact_method = django_filters.ChoiceFilter(choices=ContactMethod.choices)
    client_portal_subdomain = django_filters.CharFilter()

    bar = ("search", "status", "shoot_frequency")

    class Meta:
        model = Client
        fields = []
