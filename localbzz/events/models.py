"""The transactional outbox: one row per change the outside world cares about."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from localbzz.accounts.permissions import VisibleQuerySet


class EventQuerySet(VisibleQuerySet):
    pass


class Event(models.Model):
    """A state change, written in the same transaction as the change itself."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    type = models.CharField(max_length=64, db_index=True)
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    client = models.ForeignKey(
        "clients.Client",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
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

    objects = EventQuerySet.as_manager()

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
            "data": self.data,
        }
