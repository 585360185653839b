"""Filters of the audit log."""

from __future__ import annotations

from datetime import date

from django import forms

#: dates the log can be filtered by (a day after the last one must still be a date)
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(9998, 12, 31)


def _in_range(value):
    if value and not FIRST_DAY <= value <= LAST_DAY:
        raise forms.ValidationError(
            f"Pick a date between {FIRST_DAY:%Y-%m-%d} and {LAST_DAY:%Y-%m-%d}."
        )


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
        label="From",
        required=False,
        validators=[_in_range],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label="To",
        required=False,
        validators=[_in_range],
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date comes before the start date.")
        return data
