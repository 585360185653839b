"""The approval workflow of form submissions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from clients.models import Client, ClientStatus
from clients.services import client_create
from localbzz.events.services import emit
from localbzz.services import delete_with_event, save_changes, validate_and_save

from .models import ApprovalStatus, FormSubmission


@transaction.atomic
def form_submission_create(*, actor=None, **data) -> FormSubmission:
    """Records a public enquiry; a consent is stored with its time and the wording shown
    (``consent_text``: the site's own, else ``FORM_CONSENT_TEXT``)."""
    wording = (data.pop("consent_text", "") or "").strip()
    submission = FormSubmission(**data)
    if submission.consent_to_contact:
        submission.consent_at = timezone.now()
        submission.consent_text = wording or settings.FORM_CONSENT_TEXT
    validate_and_save(submission)
    emit("form_submission.created", submission, actor=actor)
    return submission


@transaction.atomic
def form_submission_update(*, submission: FormSubmission, actor=None, **data) -> FormSubmission:
    """Edits a submission's details (not its approval status: use approve / reject)."""
    if "approval_status" in data:
        raise ValidationError(
            {"approval_status": "Use approve or reject to decide on a submission."}
        )
    save_changes(submission, data, "form_submission.updated", actor=actor)
    return submission


@transaction.atomic
def form_submission_delete(*, submission: FormSubmission, actor=None) -> None:
    """Deletes a submission (the admin's delete and bulk delete come here)."""
    delete_with_event(submission, "form_submission.deleted", actor=actor)


def unique_subdomain(name: str) -> str:
    """A free, valid portal subdomain derived from a business name."""
    from django.conf import settings

    base = slugify(name)[:50].strip("-") or "client"
    if base in settings.RESERVED_SUBDOMAINS:
        base = f"{base}-client"
    candidate, n = base, 1
    while Client.objects.filter(client_portal_subdomain=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


@transaction.atomic
def form_submission_approve(*, submission: FormSubmission, actor) -> Client:
    """Approves a submission and creates its Pitching client; approving again creates nothing."""
    submission = FormSubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.approval_status == ApprovalStatus.APPROVED and submission.client_id:
        return submission.client
    client = client_create(
        actor=actor,
        name=submission.business_name,
        status=ClientStatus.PITCHING,
        primary_contact_name=submission.contact_name,
        email=submission.email,
        phone=submission.phone,
        client_portal_subdomain=unique_subdomain(submission.business_name),
        services=list(submission.services_wanted or []),
        notes=_client_notes(submission),
    )
    old = submission.approval_status
    submission.approval_status = ApprovalStatus.APPROVED
    submission.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    submission.reviewed_at = timezone.now()
    submission.rejection_reason = ""
    submission.client = client
    submission.save()
    emit(
        "form_submission.approved",
        submission,
        actor=actor,
        changes={
            "approval_status": {"from": old, "to": ApprovalStatus.APPROVED},
            "client_id": str(client.pk),
        },
    )
    return client


@transaction.atomic
def form_submission_reject(*, submission: FormSubmission, actor, reason: str) -> FormSubmission:
    """Rejects a pending submission with a reason."""
    submission = FormSubmission.objects.select_for_update().get(pk=submission.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give a reason for the rejection."})
    try:  # the model's own limit, whatever the surface (API, dashboard, admin)
        FormSubmission._meta.get_field("rejection_reason").clean(reason, submission)
    except ValidationError as exc:
        raise ValidationError({"reason": exc.messages}) from None
    if submission.approval_status == ApprovalStatus.APPROVED:
        raise ValidationError({"approval_status": "This submission is already approved."})
    old = submission.approval_status
    submission.approval_status = ApprovalStatus.REJECTED
    submission.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    submission.reviewed_at = timezone.now()
    submission.rejection_reason = reason
    submission.save()
    emit(
        "form_submission.rejected",
        submission,
        actor=actor,
        changes={"approval_status": {"from": old, "to": ApprovalStatus.REJECTED}, "reason": reason},
    )
    return submission


def _client_notes(submission: FormSubmission) -> str:
    lines = [f"From the website form of {submission.created_at:%Y-%m-%d}."]
    for label, value in (
        ("Website", submission.website),
        ("Industry", submission.industry),
        ("Location", submission.location),
        ("Budget", submission.budget),
        ("Social", ", ".join(f"{k}: {v}" for k, v in (submission.social_handles or {}).items())),
        ("Message", submission.message),
    ):
        if value:
            lines.append(f"{label}: {value}")
    return "\n".join(lines)
