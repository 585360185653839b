"""Comments on deliverables, shoots and portal requests, in two channels.

A ``client`` comment is part of the conversation with the client (its portal shows it); a
``team`` comment is the agency's own and never reaches the client's users, its portal, its
events or its API view. The owner is one of three explicit foreign keys, exactly one set
(as attachments do), and ``client`` is copied from the owner so the policy scopes with one
plain filter.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from localbzz.accounts.permissions import VisibleQuerySet
from localbzz.db import BaseModel, choice_field, choices_constraint
from localbzz.validators import bounded_text

#: the foreign keys of the three owner kinds
OWNER_FIELDS = ("deliverable", "shoot", "portal_request")


class Visibility(models.TextChoices):
    CLIENT = "client", "Client-visible"
    TEAM = "team", "Team only"


class CommentQuerySet(VisibleQuerySet):
    def client_visible(self):
        return self.filter(visibility=Visibility.CLIENT)


class Comment(BaseModel):
    """A message on a deliverable, a shoot or a portal request, client-visible or team-only."""

    deliverable = models.ForeignKey(
        "deliverables.Deliverable",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    shoot = models.ForeignKey(
        "shoots.Shoot", on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    portal_request = models.ForeignKey(
        "portal.ClientPortalRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    body = bounded_text(10_000)
    visibility = choice_field(Visibility, Visibility.TEAM, max_length=10)
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="mentioned_in"
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ("created_at",)
        indexes = [models.Index(fields=["client", "visibility"], name="comment_client_vis_idx")]
        constraints = [
            choices_constraint("visibility", Visibility, "comment_visibility_valid"),
            models.CheckConstraint(
                condition=(
                    Q(deliverable__isnull=False, shoot=None, portal_request=None)
                    | Q(deliverable=None, shoot__isnull=False, portal_request=None)
                    | Q(deliverable=None, shoot=None, portal_request__isnull=False)
                ),
                name="comment_exactly_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_visibility_display()} comment by {self.author or 'someone'}"

    @property
    def owner_field(self) -> str:
        return next(n for n in OWNER_FIELDS if getattr(self, f"{n}_id") is not None)

    @property
    def owner_id(self):
        return getattr(self, f"{self.owner_field}_id")

    @property
    def owner(self):
        return getattr(self, self.owner_field)
