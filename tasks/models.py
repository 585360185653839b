"""Tasks: the agency's work items, with time tracking."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from localbzz.accounts.permissions import VisibleQuerySet
from localbzz.db import BaseModel, RelatedCount, choice_field, choices_constraint, optional_fk
from localbzz.validators import bounded_text


class TaskStatus(models.TextChoices):
    TO_DO = "To Do"
    IN_PROGRESS = "In Progress"
    BLOCKED = "Blocked"
    AWAITING_REVIEW = "Awaiting Review"
    COMPLETED = "Completed"


class TaskPriority(models.TextChoices):
    HIGH = "High"
    MEDIUM = "Medium"
    LOW = "Low"


class TaskQuerySet(VisibleQuerySet):
    """Named rules of tasks, used by every list, card and board."""

    def open(self):
        """Not completed."""
        return self.exclude(status=TaskStatus.COMPLETED)

    def done(self):
        """Completed."""
        return self.filter(status=TaskStatus.COMPLETED)

    def overdue(self, today=None):
        """Open and due before today."""
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def due_soon(self, today=None, days: int = 7):
        """Open and due today or within the next ``days`` days."""
        today = today or timezone.localdate()
        return self.open().filter(due_date__gte=today, due_date__lte=today + timedelta(days))

    def assigned_to(self, member_id):
        """Tasks on which the team member ``member_id`` is one of the assignees (none for None)."""
        return self.filter(assignees=member_id) if member_id else self.none()

    def with_time_logged(self):
        """Annotates ``time_logged``: the sum of the finished time entries."""
        return self.annotate(time_logged=models.Sum("time_entries__duration"))


class Task(BaseModel):
    """A piece of work, optionally about a client, a shoot or a deliverable."""

    name = models.CharField(max_length=200, db_index=True)
    description = bounded_text(10_000, blank=True)
    status = choice_field(TaskStatus, TaskStatus.TO_DO, max_length=16)
    priority = choice_field(TaskPriority, TaskPriority.MEDIUM, max_length=8)
    assignees = models.ManyToManyField("team.TeamMember", blank=True, related_name="tasks")
    due_date = models.DateField(null=True, blank=True, db_index=True)
    client = models.ForeignKey(
        "clients.Client", null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    shoot = optional_fk("shoots.Shoot", related_name="tasks")
    deliverable = optional_fk("deliverables.Deliverable", related_name="tasks")
    estimated_minutes = models.PositiveIntegerField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = TaskQuerySet.as_manager()
    #: its files (the files app's ``attachments`` relation): the list selector's annotation
    attachments_count = RelatedCount("attachments")

    class Meta:
        ordering = ["due_date", "name"]
        indexes = [models.Index(fields=["status", "priority"], name="task_status_priority_idx")]
        constraints = [
            choices_constraint("status", TaskStatus, "task_status_valid"),
            choices_constraint("priority", TaskPriority, "task_priority_valid"),
            models.CheckConstraint(
                condition=Q(status=TaskStatus.COMPLETED) | Q(completed_at__isnull=True),
                name="task_completed_at_only_when_completed",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.shoot_id and self.client_id and self.shoot.client_id != self.client_id:
            raise ValidationError({"shoot": "The shoot belongs to another client than this task."})
        if self.deliverable_id and self.client_id and self.deliverable.client_id != self.client_id:
            raise ValidationError(
                {"deliverable": "The deliverable belongs to another client than this task."}
            )


class TimeEntry(BaseModel):
    """Time someone spent on a task: a running timer while ``ended_at`` is empty."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="time_entries")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="time_entries"
    )
    started_at = models.DateTimeField(db_index=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    duration = models.DurationField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name_plural = "time entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="timeentry_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(duration__isnull=True) | Q(duration__gte=timedelta(0)),
                name="timeentry_duration_non_negative",
            ),
            # One running timer per person: start a new one only after stopping the last.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(ended_at__isnull=True),
                name="timeentry_one_running_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.user} on {self.task}"

    @property
    def is_running(self) -> bool:
        return self.ended_at is None

    def clean(self):
        super().clean()
        if self.ended_at and self.started_at and self.ended_at < self.started_at:
            raise ValidationError({"ended_at": "A time entry ends after it starts."})
        if self.ended_at is None and self.duration is not None and self.started_at:
            self.ended_at = self.started_at + self.duration  # a logged entry, not a timer
        if self.ended_at and self.started_at:
            self.duration = self.ended_at - self.started_at
        if self.duration is not None and self.duration > timedelta(hours=24):
            raise ValidationError({"duration": "One entry covers at most 24 hours."})
