"""Clients: the local businesses the agency makes content for."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from localbzz.accounts.permissions import VisibleQuerySet
from localbzz.crypto import EncryptedEmailField, EncryptedTextField
from localbzz.db import BaseModel, choice_field, choices_constraint
from localbzz.validators import JSONValidator, StrictJSONDecoder, bounded_text

SUBDOMAIN_VALIDATOR = RegexValidator(
    r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$",
    "Use lower-case letters, digits and hyphens (a DNS label: 1-63 characters, "
    "not starting or ending with a hyphen).",
)


def validate_subdomain_not_reserved(value: str) -> None:
    if value in settings.RESERVED_SUBDOMAINS:
        raise ValidationError(f"'{value}' is reserved and cannot be a client's portal subdomain.")


def _name_list(help_text: str) -> models.JSONField:
    """A flat list of short names (a client's services, its platforms)."""
    return models.JSONField(
        default=list,
        blank=True,
        help_text=help_text,
        decoder=StrictJSONDecoder,
        validators=[JSONValidator(max_depth=1, max_string_length=100)],
    )


class ClientStatus(models.TextChoices):
    ACTIVE = "Active"
    INACTIVE = "Inactive"
    PITCHING = "Pitching"


class ShootFrequency(models.TextChoices):
    MONTHLY = "Monthly"
    QUARTERLY = "Quarterly"
    PER_PROJECT = "Per Project"
    AD_HOC = "Ad Hoc"


class ContactMethod(models.TextChoices):
    EMAIL = "Email"
    PHONE = "Phone"
    TEXT = "Text"
    PORTAL = "Portal"


#: a client's content plan: how often it is shot, what each shoot yields, where it posts
CONTENT_PLAN_FIELDS = (
    "shoot_frequency",
    "default_reels",
    "default_photos",
    "default_carousels",
    "services",
    "platforms",
)


class ClientQuerySet(VisibleQuerySet):
    def with_portal(self):
        """Clients that have a portal: every one but the Inactive."""
        return self.exclude(status=ClientStatus.INACTIVE)


class Client(BaseModel):
    """A business the agency serves, with its contact and its content plan."""

    name = models.CharField(max_length=200, db_index=True)
    status = choice_field(ClientStatus, ClientStatus.PITCHING, max_length=16)
    # encrypted at rest (localbzz/crypto.py); the e-mail is looked up by its keyed hash
    primary_contact_name = EncryptedTextField(max_length=200, blank=True)
    email = EncryptedEmailField(blank=True, hash_field="email_hash")
    email_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone = EncryptedTextField(max_length=40, blank=True)
    client_portal_subdomain = models.CharField(
        max_length=63,
        unique=True,
        validators=[SUBDOMAIN_VALIDATOR, validate_subdomain_not_reserved],
        help_text="The client's portal lives at <subdomain>.<portal base domain>.",
    )
    shoot_frequency = choice_field(ShootFrequency, ShootFrequency.MONTHLY, max_length=16)
    default_reels = models.PositiveSmallIntegerField(default=0)
    default_photos = models.PositiveSmallIntegerField(default=0)
    default_carousels = models.PositiveSmallIntegerField(default=0)
    services = _name_list("Services taken, e.g. Reels, Photography.")
    platforms = _name_list("Platforms posted to, e.g. Instagram.")
    preferred_contact_method = choice_field(
        ContactMethod, ContactMethod.EMAIL, max_length=10, db_index=False
    )
    logo = models.ImageField(upload_to="client-logos/", blank=True)
    notes = bounded_text(10_000, blank=True)

    #: the agency's own notes: left out of a client user's API view (and client.* events are
    #: never sent to client users)
    internal_fields = ("notes",)

    objects = ClientQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            choices_constraint("status", ClientStatus, "client_status_valid"),
            choices_constraint("shoot_frequency", ShootFrequency, "client_shoot_frequency_valid"),
            choices_constraint(
                "preferred_contact_method", ContactMethod, "client_contact_method_valid"
            ),
            models.CheckConstraint(
                condition=Q(default_reels__gte=0)
                & Q(default_photos__gte=0)
                & Q(default_carousels__gte=0),
                name="client_default_counts_non_negative",
            ),
            models.CheckConstraint(
                condition=~Q(client_portal_subdomain=""), name="client_subdomain_not_empty"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.client_portal_subdomain:
            self.client_portal_subdomain = self.client_portal_subdomain.strip().lower()
        for field in ("services", "platforms"):
            value = getattr(self, field)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValidationError({field: "Give a list of names."})

    @property
    def portal_host(self) -> str:
        return f"{self.client_portal_subdomain}.{settings.PORTAL_BASE_DOMAIN}"
