"""Deliverables: the reels, photos and carousels produced for a client."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from localbzz.accounts.permissions import VisibleQuerySet
from localbzz.db import BaseModel, choices_constraint


class DeliverableType(models.TextChoices):
    REEL = "Reel"
    PHOTO = "Photo"
    CAROUSEL = "Carousel"
    OTHER = "Other"


class DeliverableStatus(models.TextChoices):
    TO_DO = "To Do"
    IN_PROGRESS = "In Progress"
    NEEDS_REVIEW = "Needs Review"
    READY_TO_POST = "Ready-To-Post"
    DELIVERED = "Delivered"


class DeliverableQuerySet(VisibleQuerySet):
    pass


class Deliverable(BaseModel):
    """One piece of content for a client, usually from a shoot, moving through review."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="deliverables"
    )
    shoot = models.ForeignKey(
        "shoots.Shoot",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliverables",
    )
    title = models.CharField(max_length=200)
    deliverable_type = models.CharField(
        max_length=16, choices=DeliverableType.choices, default=DeliverableType.REEL, db_index=True
    )
    status = models.CharField(
        max_length=16,
        choices=DeliverableStatus.choices,
        default=DeliverableStatus.TO_DO,
        db_index=True,
    )
    due_date = models.DateField(null=True, blank=True, db_index=True)
    file_link = models.URLField(max_length=500, blank=True)
    caption = models.TextField(blank=True)
    posting_instructions = models.TextField(blank=True)
    assignee = models.ForeignKey(
        "team.TeamMember",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliverables",
    )
    status_changed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = DeliverableQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "title"]
        indexes = [
            models.Index(fields=["client", "status"], name="deliverable_client_status_idx"),
            models.Index(fields=["status", "due_date"], name="deliverable_status_due_idx"),
        ]
        constraints = [
            choices_constraint("deliverable_type", DeliverableType, "deliverable_type_valid"),
            choices_constraint("status", DeliverableStatus, "deliverable_status_valid"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.shoot_id and self.client_id and self.shoot.client_id != self.client_id:
            raise ValidationError(
                {"shoot": "The shoot belongs to another client than this deliverable."}
            )


class ReviewDecision(models.TextChoices):
    APPROVED = "Approved"
    CHANGES_REQUESTED = "Changes Requested"


class DeliverableReview(BaseModel):
    """A client's decision on a deliverable in Needs Review: who, when, what and why."""

    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="reviews")
    decision = models.CharField(max_length=20, choices=ReviewDecision.choices)
    comment = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="deliverable_reviews",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            choices_constraint("decision", ReviewDecision, "deliverablereview_decision_valid")
        ]

    def __str__(self):
        return f"{self.decision}: {self.deliverable}"
