"""Reads of form submissions, scoped to the user."""

from __future__ import annotations

from django.db.models import QuerySet

from localbzz.accounts.permissions import Action

from .models import FormSubmission


def form_submission_list(*, user, action: str = Action.VIEW) -> QuerySet[FormSubmission]:
    """The submissions ``user`` may see (staff only)."""
    return FormSubmission.objects.visible_to(user, action)
