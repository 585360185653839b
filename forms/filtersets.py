"""The form submission list's filters: API, dashboard review queue, exports."""

import django_filters

from clients.selectors import client_options
from localbzz.api.filters import FilterSet, ReferenceFilter, SearchFilter

from .models import ApprovalStatus, FormSubmission


class FormSubmissionFilterSet(FilterSet):
    search = SearchFilter(
        "business_name", "contact_name", "email", placeholder="Business, contact, email"
    )
    approval_status = django_filters.ChoiceFilter(
        label="Status", choices=ApprovalStatus.choices, empty_label="Any status"
    )
    client_id = ReferenceFilter(field_name="client_id", options=client_options)
    created = django_filters.IsoDateTimeFromToRangeFilter(field_name="created_at")

    bar = ("search", "approval_status")

    class Meta:
        model = FormSubmission
        fields = []
