"""The client list's filters: API, dashboard list, exports."""

import django_filters

from localbzz.api.filters import FilterSet, ReferenceFilter, SearchFilter

from .models import Client, ClientStatus, ContactMethod, ShootFrequency
from .selectors import client_options


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


def client_filter(**kwargs) -> ReferenceFilter:
    """``client_id``: the client a row belongs to (a select of the visible clients on pages)."""
    kwargs.setdefault("label", "Client")
    kwargs.setdefault("empty_label", "Any client")
    return ReferenceFilter(field_name="client_id", options=client_options, **kwargs)
