"""What a form submission (a lead) holds about a person: name, e-mail, phone, handles.

Erasure keeps the lead (a business's enquiry, counted in reports) with its contact replaced.
"""

from localbzz.crypto import keyed_hash
from localbzz.privacy import ERASED_NAME, erased_email, register_privacy_handler, row_dict
from localbzz.retention import register_retention

from .models import ApprovalStatus, FormSubmission


def _rows(email):
    return FormSubmission.objects.filter(email__iexact=email)


def _identifiers(email, user):
    return [v for row in _rows(email).values_list("contact_name", "phone") for v in row]


def _erase(email, user, values) -> int:
    n = 0
    for pk in _rows(email).values_list("pk", flat=True):
        FormSubmission.objects.filter(pk=pk).update(
            contact_name=ERASED_NAME,
            email=erased_email(pk),
            email_hash=keyed_hash(erased_email(pk)),  # update() runs no pre_save
            phone="",
            message="",
            social_handles={},
        )
        n += 1
    return n


def register() -> None:
    register_retention(
        "rejected_leads",
        "RETENTION_REJECTED_LEADS_DAYS",
        lambda cutoff: FormSubmission.objects.filter(
            approval_status=ApprovalStatus.REJECTED, updated_at__lt=cutoff
        ),
    )
    register_privacy_handler(
        "forms.formsubmission",
        export=lambda email, user: [row_dict(s) for s in _rows(email)],
        identifiers=_identifiers,
        erase=_erase,
    )
