"""Dashboard forms for the form-submission review queue."""

from __future__ import annotations

from django import forms


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Reason for rejecting",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give a reason for the rejection."},
    )
