"""Staff review queue of website form submissions: approve (creates a client) or reject."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Case, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from localbzz.accounts.mixins import staff_required
from localbzz.accounts.permissions import Action
from localbzz.views import call_service, paginate

from . import services
from .forms import RejectForm, SubmissionFilterForm
from .models import ApprovalStatus, FormSubmission


@staff_required
@require_GET
def submission_list(request):
    """The review queue: pending first, then the most recent."""
    form = SubmissionFilterForm(request.GET or None)
    qs = FormSubmission.objects.visible_to(request.user).select_related("client")
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            q = data["q"]
            qs = qs.filter(
                Q(business_name__icontains=q) | Q(contact_name__icontains=q) | Q(email__icontains=q)
            )
        if data["status"]:
            qs = qs.filter(approval_status=data["status"])
    qs = qs.annotate(
        pending_first=Case(
            When(approval_status=ApprovalStatus.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("pending_first", "-created_at")
    page_obj, querystring = paginate(request, qs)
    return render(
        request,
        "forms/formsubmission_list.html",
        {"filter_form": form, "page_obj": page_obj, "querystring": querystring},
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
    submission = get_object_or_404(
        FormSubmission.objects.visible_to(request.user).select_related("client", "reviewed_by"),
        pk=pk,
    )
    return _detail(request, submission)


@staff_required
@require_POST
def submission_approve(request, pk):
    """Approves the submission and creates its Pitching client."""
    submission = get_object_or_404(
        FormSubmission.objects.visible_to(request.user, Action.APPROVE), pk=pk
    )
    client = services.form_submission_approve(submission=submission, actor=request.user)
    messages.success(request, f"Approved: {client.name} is now a Pitching client.")
    return redirect("clients:detail", pk=client.pk)


@staff_required
@require_POST
def submission_reject(request, pk):
    """Rejects the submission with a reason."""
    submission = get_object_or_404(
        FormSubmission.objects.visible_to(request.user, Action.CHANGE), pk=pk
    )
    form = RejectForm(request.POST)
    if form.is_valid():
        done = call_service(
            form,
            services.form_submission_reject,
            submission=submission,
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
        if done is not None:
            messages.success(request, f"Rejected {submission.business_name}.")
            return redirect("forms:list")
    submission.refresh_from_db()
    return _detail(request, submission, reject_form=form, status=400)
