"""Staff review queue of website form submissions: approve (creates a client) or reject."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from localbzz.accounts.mixins import staff_required
from localbzz.accounts.permissions import Action
from localbzz.web import list_page, submit_service

from . import selectors, services
from .filtersets import FormSubmissionFilterSet
from .forms import RejectForm
from .models import ApprovalStatus

#: the review queue: pending first, then the most recent
submission_list = list_page(
    FormSubmissionFilterSet, selectors.form_submission_rows, order=("pending_first", "-created_at")
)


def _detail(request, submission, reject_form=None, status=200):
    return render(
        request,
        "forms/formsubmission_detail.html",
        {
            "submission": submission,
            "reject_form": reject_form or RejectForm(),
            "pending": submission.approval_status == ApprovalStatus.PENDING,
        },
        status=status,
    )


@staff_required
@require_GET
def submission_detail(request, pk):
    """One submission with its approve and reject actions."""
    submission = selectors.form_submission_get(user=request.user, pk=pk)
    return _detail(request, submission)


@staff_required
@require_POST
def submission_approve(request, pk):
    """Approves the submission and creates its Pitching client."""
    submission = selectors.form_submission_get(user=request.user, pk=pk, action=Action.APPROVE)
    client = services.form_submission_approve(submission=submission, actor=request.user)
    messages.success(request, f"Approved: {client.name} is now a Pitching client.")
    return redirect("clients:detail", pk=client.pk)


@staff_required
@require_POST
def submission_reject(request, pk):
    """Rejects the submission with a reason (the same action as approving, as in the API)."""
    submission = selectors.form_submission_get(user=request.user, pk=pk, action=Action.APPROVE)
    form = RejectForm(request.POST)
    if form.is_valid():
        done = submit_service(
            request,
            form,
            services.form_submission_reject,
            success=f"Rejected {submission.business_name}.",
            next_url="forms:list",
            submission=submission,
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
        if done is not None:
            return done
    submission.refresh_from_db()
    return _detail(request, submission, reject_form=form, status=400)
