"""Reads of form submissions, scoped to the user."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from localbzz.accounts.permissions import Action

from .models import ApprovalStatus, FormSubmission


def form_submission_list(*, user, action: str = Action.VIEW) -> QuerySet[FormSubmission]:
    """The submissions ``user`` may see (staff only)."""
    return FormSubmission.objects.visible_to(user, action)


def form_submission_rows(*, user) -> QuerySet[FormSubmission]:
    """The review queue's rows: with the client, and ``pending_first`` (0 for Pending)."""
    return (
        form_submission_list(user=user)
        .select_related("client")
        .annotate(
            pending_first=Case(
                When(approval_status=ApprovalStatus.PENDING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
    )


def form_submission_get(*, user, pk, action: str = Action.VIEW) -> FormSubmission:
    """One submission ``user`` may act on, with its client and reviewer, else 404."""
    found = form_submission_list(user=user, action=action).select_related("client", "reviewed_by")
    return get_object_or_404(found, pk=pk)
