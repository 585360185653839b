"""Dashboard forms for the form-submission review queue."""

from __future__ import annotations

from django import forms

from localbzz.validators import textarea_of

from .models import FormSubmission


class RejectForm(forms.Form):
    reason = textarea_of(
        FormSubmission,
        "rejection_reason",
        label="Reason for rejecting",
        error_messages={"required": "Give a reason for the rejection."},
    )
