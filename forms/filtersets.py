"""The form submission list's filters: API, dashboard review queue, exports."""

import django_filters

from clients.filtersets import client_filter
from localbzz.api.filters import FilterSet, SearchFilter

from .models import ApprovalStatus, FormSubmission


class FormSubmissionFilterSet(FilterSet):
    search = SearchFilter(
        "business_name", "contact_name", "email", placeholder="Business, contact, email"
    )
    approval_status = django_filters.ChoiceFilter(
        label="Status", choices=ApprovalStatus.choices, empty_label="Any status"
    )
    client_id = client_filter()
    created = django_filters.IsoDateTimeFromToRangeFilter(field_name="created_at")

    bar = ("search", "approval_status")

    class Meta:
        model = FormSubmission
        fields = []
