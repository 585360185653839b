"""Filters of the form submission list."""

import django_filters

from forms.models import ApprovalStatus, FormSubmission
from localbzz.api.filters import SyncFilterSet


class FormSubmissionFilter(SyncFilterSet):
    approval_status = django_filters.ChoiceFilter(choices=ApprovalStatus.choices)
    client_id = django_filters.UUIDFilter(field_name="client_id")
    created = django_filters.IsoDateTimeFromToRangeFilter(field_name="created_at")

    class Meta:
        model = FormSubmission
        fields = ["approval_status", "client_id"]
