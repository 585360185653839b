"""Dashboard forms for the form-submission review queue."""

from __future__ import annotations

from django import forms

from .models import ApprovalStatus


class SubmissionFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Business, contact, email"}),
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *ApprovalStatus.choices]
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Reason for rejecting",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give a reason for the rejection."},
    )
