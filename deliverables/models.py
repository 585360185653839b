"""Deliverables: the reels, photos and carousels produced for a client."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from localbzz.accounts.permissions import VisibleQuerySet
from localbzz.db import BaseModel, RelatedCount, choice_field, choices_constraint, optional_fk
from localbzz.validators import bounded_text, validate_drive_link


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


#: statuses in which a deliverable's work is finished
DONE_STATUSES = (DeliverableStatus.READY_TO_POST, DeliverableStatus.DELIVERED)
SOON_DAYS = 7

_DONE = models.Q(status__in=DONE_STATUSES)
#: the staff lists' default: open work first by due date (overdue on top, undated last),
#: then finished work, the most recently finished first
WORK_FIRST = (
    models.Case(models.When(_DONE, then=1), default=0),
    models.Case(models.When(~_DONE, then="due_date")).asc(nulls_last=True),
    models.Case(models.When(_DONE, then="status_changed_at")).desc(nulls_last=True),
    "title",
)
#: the client's default: what awaits their review, then what was just finished (newest
#: first), then work on its way (soonest due first)
REVIEW_FIRST = (
    models.Case(
        models.When(status=DeliverableStatus.NEEDS_REVIEW, then=0),
        models.When(_DONE, then=1),
        default=2,
    ),
    models.Case(models.When(_DONE, then="status_changed_at")).desc(nulls_last=True),
    models.F("due_date").asc(nulls_last=True),
    "title",
)
#: the board's Delivered column: the newest delivery first
NEWEST_FIRST = (models.F("status_changed_at").desc(nulls_last=True), "-updated_at")


class DeliverableQuerySet(VisibleQuerySet):
    """Named rules of deliverables, used by every list, card and figure."""

    def open(self):
        """Work not finished yet."""
        return self.exclude(status__in=DONE_STATUSES)

    def done(self):
        """Ready to post or delivered."""
        return self.filter(status__in=DONE_STATUSES)

    def overdue(self, today=None):
        """Open and due before today."""
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def due_soon(self, today=None):
        """Open and due today or within the next seven days."""
        today = today or timezone.localdate()
        return self.open().filter(due_date__gte=today, due_date__lte=today + timedelta(SOON_DAYS))

    def changes_requested(self):
        """Sent back by the client (its last review asked for changes), not yet in review again."""
        last = DeliverableReview.objects.filter(deliverable=models.OuterRef("pk")).order_by(
            "-created_at"
        )
        return self.alias(last_review_decision=models.Subquery(last.values("decision")[:1])).filter(
            last_review_decision=ReviewDecision.CHANGES_REQUESTED,
            status__in=(DeliverableStatus.TO_DO, DeliverableStatus.IN_PROGRESS),
        )

    def due_this_month(self, today=None):
        """Due in the current calendar month (the month the content plan counts)."""
        start = (today or timezone.localdate()).replace(day=1)
        return self.filter(due_date__gte=start, due_date__lt=(start + timedelta(32)).replace(day=1))


class Deliverable(BaseModel):
    """One piece of content for a client, usually from a shoot, moving through review."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="deliverables"
    )
    shoot = optional_fk("shoots.Shoot", related_name="deliverables")
    title = models.CharField(max_length=200)
    deliverable_type = choice_field(DeliverableType, DeliverableType.REEL, max_length=16)
    status = choice_field(DeliverableStatus, DeliverableStatus.TO_DO, max_length=16)
    due_date = models.DateField(null=True, blank=True, db_index=True)
    file_link = models.URLField(max_length=500, blank=True)
    caption = bounded_text(5_000, blank=True)
    posting_instructions = bounded_text(5_000, blank=True)
    assignee = optional_fk("team.TeamMember", related_name="deliverables")
    status_changed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = DeliverableQuerySet.as_manager()
    #: its files (the files app's ``attachments`` relation): the list selector's annotation
    attachments_count = RelatedCount("attachments")

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
        try:
            validate_drive_link(self.file_link)
        except ValidationError as exc:
            raise ValidationError({"file_link": exc.messages}) from None
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
    comment = bounded_text(5_000, blank=True)
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
