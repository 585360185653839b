"""Dashboard forms for the form-submission review queue."""

from __future__ import annotations

from django import forms

from localbzz.validators import max_length_of

from .models import FormSubmission


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Reason for rejecting",
        max_length=max_length_of(FormSubmission, "rejection_reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give a reason for the rejection."},
    )
