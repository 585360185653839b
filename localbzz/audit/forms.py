"""Filters of the audit log."""

from __future__ import annotations

from django import forms


class AuditFilterForm(forms.Form):
    type = forms.CharField(
        label="Event type",
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"placeholder": "e.g. deliverable. or task.completed"}),
    )
    actor = forms.CharField(
        label="Who",
        required=False,
        max_length=254,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Email"}),
    )
    object_id = forms.CharField(label="Object id", required=False, max_length=64)
    since = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date comes before the start date.")
        return data
