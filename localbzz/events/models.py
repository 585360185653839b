"""The transactional outbox: one row per change the outside world cares about."""

import base64
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from localbzz.accounts.permissions import VisibleQuerySet
from localbzz.crypto import EncryptedTextField, unseal
from localbzz.db import optional_fk

from .types import is_subscribable, validate_event_types
from .webhooks import guard_url


class Event(models.Model):
    """A state change, written in the same transaction as the change itself."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    type = models.CharField(max_length=64, db_index=True)
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    client = optional_fk(
        "clients.Client",
        related_name="+",
        help_text="The client the event concerns, for client users' visibility.",
    )
    object_type = models.CharField(max_length=64, db_index=True)
    object_id = models.CharField(max_length=64, db_index=True)
    client_visible = models.BooleanField(
        default=False, help_text="Whether the client's own users may see this event."
    )
    data = models.JSONField(default=dict)
    broadcast_at = models.DateTimeField(null=True, blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["client", "occurred_at"], name="event_client_time_idx")]

    def __str__(self):
        return f"{self.type} {self.object_id}"

    def envelope(self) -> dict:
        """The one event envelope of DESIGN.md, for webhooks, websockets and notifications."""
        actor = None
        if self.actor_id:
            actor = {"id": str(self.actor_id), "email": self.actor.email, "role": self.actor.role}
        return {
            "id": str(self.id),
            "type": self.type,
            "occurred_at": self.occurred_at.isoformat(),
            "actor": actor,
            "data": unseal(self.data),  # encrypted fields, decrypted to be sent or read
        }


def generate_webhook_secret() -> str:
    """A new signing secret: ``whsec_`` + base64 of 32 random bytes (Standard Webhooks)."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class WebhookEndpointQuerySet(VisibleQuerySet):
    def subscribed_to(self, event_type: str):
        """Active endpoints that receive ``event_type`` (by name or through ``*``); none for
        a type that is not subscribable (the audit-only ones)."""
        if not is_subscribable(event_type):
            return []
        return [
            endpoint
            for endpoint in self.filter(is_active=True)
            if "*" in endpoint.event_types or event_type in endpoint.event_types
        ]


class WebhookEndpoint(models.Model):
    """An integrator's URL that receives signed event deliveries."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    event_types = models.JSONField(
        default=list, help_text='Event types this endpoint receives; ["*"] means every type.'
    )
    # encrypted at rest (localbzz/crypto.py): decrypted only to sign a delivery or show it once
    secret = EncryptedTextField(max_length=100, default=generate_webhook_secret, editable=False)
    previous_secret = EncryptedTextField(
        max_length=100,
        blank=True,
        editable=False,
        help_text="The secret before the last rotation: it signs too for a grace period.",
    )
    secret_rotated_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_active = models.BooleanField(default=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True)
    failing_since = models.DateTimeField(
        null=True, blank=True, help_text="First failed attempt since the last success."
    )
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    created_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    #: the delivery health the deliveries keep: read-only in the API and the admin
    HEALTH_FIELDS = (
        "disabled_at",
        "disabled_reason",
        "failing_since",
        "consecutive_failures",
        "last_success_at",
        "last_failure_at",
    )

    objects = WebhookEndpointQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.url

    def clean(self):
        super().clean()
        errors = {}
        try:
            self.event_types = validate_event_types(self.event_types)
        except ValidationError as exc:
            errors["event_types"] = exc.messages
        if self.url:
            try:
                guard_url(self.url)
            except ValidationError as exc:
                errors["url"] = exc.messages
        if errors:
            raise ValidationError(errors)

    def signing_secrets(self, now=None) -> list[str]:
        """The current secret, and the previous one during ``WEBHOOK_SECRET_GRACE`` after a
        rotation (a delivery carries a signature with each)."""
        now = now or timezone.now()
        in_grace = self.secret_rotated_at and now - self.secret_rotated_at < (
            settings.WEBHOOK_SECRET_GRACE
        )
        if self.previous_secret and in_grace:
            return [self.secret, self.previous_secret]
        return [self.secret]

    @property
    def masked_secret(self) -> str:
        return self.secret[:10] + "…" if self.secret else ""


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    ABANDONED = "abandoned", "Abandoned"


class WebhookDeliveryQuerySet(VisibleQuerySet):
    def due(self, now=None):
        """Pending deliveries whose next attempt time has come."""
        return self.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=now or timezone.now()
        )


class WebhookDelivery(models.Model):
    """One event for one endpoint: its state and the time of its next attempt."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(
        default=0, help_text="Attempts in the current cycle (a manual redelivery starts a new one)."
    )
    next_attempt_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event"], name="delivery_endpoint_event_uniq"
            )
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due_idx"),
        ]

    def __str__(self):
        return f"{self.event_id} → {self.endpoint_id} ({self.status})"


class WebhookAttempt(models.Model):
    """One HTTP request of a delivery, kept for the admins' log."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    response_excerpt = models.TextField(blank=True)
    error = models.CharField(max_length=300, blank=True)
    manual = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.delivery_id} {self.status_code or self.error}"


class NotificationKind(models.TextChoices):
    TASK_ASSIGNED = "task_assigned", "A task is assigned to me"
    URGENT_REQUEST = "urgent_request", "An urgent portal request arrives"
    FORM_SUBMISSION = "form_submission", "A new form submission arrives"
    REVIEW_NEEDED = "review_needed", "A deliverable waits for my review"
    CHANGES_REQUESTED = "changes_requested", "A client requests changes"
    WEBHOOK_DISABLED = "webhook_disabled", "A webhook endpoint was disabled"
    REMINDER = "reminder", "Work of mine is due soon or overdue"
    DRIVE_DISCONNECTED = "drive_disconnected", "Google Drive access was lost"
    JOB_FINISHED = "job_finished", "An import, export or report I started is ready"
    MENTIONED = "mentioned", "Someone mentions me in a comment"
    SLA_BREACHED = "sla_breached", "A client request misses its response target"


class NotificationQuerySet(VisibleQuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-app message to one person about one event."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event", "kind"],
                condition=models.Q(event__isnull=False),
                name="notification_once_per_event",
            )
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]

    def __str__(self):
        return self.title


class NotificationPreference(models.Model):
    """Whether a user wants one kind of notification in the app and by e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    in_app = models.BooleanField(default=True)
    email = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_uniq")
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind}"
