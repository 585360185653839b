"""Calendar feeds: secret iCal (ICS) URLs of shoots and due dates, revocable and rotatable.

A feed is found by its token's keyed hash (``localbzz.crypto.keyed_hash``); the token itself
is kept encrypted (``FIELD_ENCRYPTION_KEYS``) so its owner's list can show the URL again.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from localbzz.accounts.permissions import VisibleQuerySet
from localbzz.crypto import EncryptedTextField
from localbzz.db import BaseModel, choice_field, choices_constraint


class FeedScope(models.TextChoices):
    ME = "me"  # the shoots I am on and the deliverables assigned to me
    AGENCY = "agency"  # every shoot and due date (staff only)
    CLIENT = "client"  # one client's shoots and due dates


class CalendarFeedQuerySet(VisibleQuerySet):
    def active(self):
        """Not revoked."""
        return self.filter(revoked_at__isnull=True)


class CalendarFeed(BaseModel):
    """One person's secret ICS feed of shoots and due dates, in one scope."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    scope = choice_field(FeedScope, FeedScope.ME, max_length=10, db_index=False)
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feeds",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_prefix = models.CharField(max_length=8, editable=False)
    #: the secret itself, encrypted at rest: only its owner is shown the URL (API list)
    token = EncryptedTextField(editable=False, blank=True, default="")
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_fetched_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            choices_constraint("scope", FeedScope, "calendarfeed_scope_valid"),
            models.CheckConstraint(
                condition=Q(scope=FeedScope.CLIENT, client__isnull=False)
                | (~Q(scope=FeedScope.CLIENT) & Q(client__isnull=True)),
                name="calendarfeed_client_iff_client_scope",
            ),
        ]

    def __str__(self) -> str:
        what = self.client.name if self.scope == FeedScope.CLIENT and self.client else self.scope
        return f"Feed {self.token_prefix}… ({what}) of {self.user}"
