"""Form submissions: leads from the public website, reviewed by the agency."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from localbzz.accounts.permissions import VisibleQuerySet
from localbzz.crypto import EncryptedEmailField, EncryptedTextField
from localbzz.db import BaseModel, choice_field, choices_constraint, optional_fk
from localbzz.validators import JSONValidator, StrictJSONDecoder, bounded_text


class ApprovalStatus(models.TextChoices):
    PENDING = "Pending"
    APPROVED = "Approved"
    REJECTED = "Rejected"


#: what a submission says about the business, in the order forms and screens show it
BUSINESS_FIELDS = (
    "business_name",
    "website",
    "industry",
    "location",
    "social_handles",
    "services_wanted",
    "budget",
    "message",
)


class FormSubmission(BaseModel):
    """A prospective client's enquiry; approving it creates a Pitching client."""

    # encrypted at rest (localbzz/crypto.py); the e-mail is looked up by its keyed hash
    contact_name = EncryptedTextField(max_length=200)
    email = EncryptedEmailField(hash_field="email_hash")
    email_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone = EncryptedTextField(max_length=40, blank=True)
    business_name = models.CharField(max_length=200, db_index=True)
    website = models.URLField(max_length=500, blank=True)
    industry = models.CharField(max_length=100, blank=True)
    location = models.CharField(max_length=200, blank=True)
    social_handles = models.JSONField(
        default=dict,
        blank=True,
        help_text='e.g. {"instagram": "@acme"}',
        decoder=StrictJSONDecoder,
        validators=[JSONValidator(max_depth=1, max_items=20, max_string_length=200)],
    )
    services_wanted = models.JSONField(
        default=list,
        blank=True,
        decoder=StrictJSONDecoder,
        validators=[JSONValidator(max_depth=1, max_string_length=100)],
    )
    budget = models.CharField(max_length=100, blank=True)
    message = EncryptedTextField(max_length=5_000, blank=True)  # encrypted at rest
    consent_to_contact = models.BooleanField(default=False)
    # the consent as given: when, and the wording the person was shown (GDPR)
    consent_at = models.DateTimeField(null=True, blank=True, editable=False)
    consent_text = bounded_text(1_000, blank=True, editable=False)
    approval_status = choice_field(ApprovalStatus, ApprovalStatus.PENDING, max_length=10)
    reviewed_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = bounded_text(2_000, blank=True)
    client = optional_fk("clients.Client", related_name="form_submission", one_to_one=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            choices_constraint(
                "approval_status", ApprovalStatus, "formsubmission_approval_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(approval_status=ApprovalStatus.PENDING) | Q(reviewed_at__isnull=False),
                name="formsubmission_reviewed_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.business_name} ({self.contact_name})"
