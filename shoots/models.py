"""Shoots: the content-creation sessions at a client's place."""

from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from localbzz.accounts.permissions import VisibleQuerySet
from localbzz.db import BaseModel, RelatedCount, choice_field, choices_constraint
from localbzz.validators import bounded_text, validate_drive_link
from team.models import RoleName


class ShootStatus(models.TextChoices):
    SCHEDULED = "Scheduled"
    POSTPONED = "Postponed"
    COMPLETED = "Completed"
    CANCELLED = "Cancelled"


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def around_today():
    """The lists' default order: shoots not over yet first (soonest first), then past ones
    (the latest first), so page 1 is today's and the coming days' work."""
    over = Q(shoot_end__lt=timezone.now())
    return (
        models.Case(models.When(over, then=1), default=0),
        models.Case(models.When(~over, then="shoot_start")).asc(nulls_last=True),
        models.Case(models.When(over, then="shoot_start")).desc(nulls_last=True),
    )


class ShootQuerySet(VisibleQuerySet):
    """Named rules of shoots (local days and weeks), used by every list, card and page."""

    def between_days(self, first, end):
        """Shoots starting on a local day from ``first`` up to (not including) ``end``."""
        return self.filter(shoot_start__gte=_day_start(first), shoot_start__lt=_day_start(end))

    def today(self, today=None):
        today = today or timezone.localdate()
        return self.between_days(today, today + timedelta(days=1))

    def this_week(self, today=None):
        """Shoots of the local week (Monday to Sunday) around ``today``."""
        today = today or timezone.localdate()
        monday = today - timedelta(days=today.weekday())
        return self.between_days(monday, monday + timedelta(days=7))

    def upcoming(self):
        return self.filter(shoot_start__gte=timezone.now())

    def past(self):
        return self.filter(shoot_start__lt=timezone.now())

    def not_over(self):
        """Shoots that have not ended yet."""
        return self.filter(shoot_end__gte=timezone.now())

    def over(self):
        """Shoots that have ended."""
        return self.filter(shoot_end__lt=timezone.now())

    def planned(self):
        """Scheduled or postponed (neither done nor cancelled)."""
        return self.filter(status__in=[ShootStatus.SCHEDULED, ShootStatus.POSTPONED])

    def overlapping(self, start, end):
        """Shoots, other than cancelled ones, that share some time with ``start``..``end``."""
        return self.exclude(status=ShootStatus.CANCELLED).filter(
            shoot_start__lt=end, shoot_end__gt=start
        )

    def with_crew_conflict(self, member=None):
        """Annotates ``crew_conflict``: someone of the crew (or ``member`` alone) is also on
        another shoot at an overlapping time (the double-booking rule, one query)."""
        elsewhere = (
            ShootAssignment.objects.filter(
                team_member_id=OuterRef("team_member_id"),
                shoot__shoot_start__lt=OuterRef("shoot__shoot_end"),
                shoot__shoot_end__gt=OuterRef("shoot__shoot_start"),
            )
            .exclude(shoot_id=OuterRef("shoot_id"))
            .exclude(shoot__status=ShootStatus.CANCELLED)
        )
        crew = ShootAssignment.objects.filter(shoot_id=OuterRef("pk")).exclude(
            shoot__status=ShootStatus.CANCELLED
        )
        if member is not None:
            crew = crew.filter(team_member=member)
        return self.annotate(crew_conflict=Exists(crew.filter(Exists(elsewhere))))


class Shoot(BaseModel):
    """A content shoot for one client, at a time and place, with a crew."""

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="shoots")
    title = models.CharField(max_length=200, blank=True)
    shoot_start = models.DateTimeField(db_index=True)
    duration = models.DurationField(default=timedelta(hours=2))
    shoot_end = models.DateTimeField(db_index=True, editable=False)
    status = choice_field(ShootStatus, ShootStatus.SCHEDULED, max_length=16)
    location = models.CharField(max_length=300, blank=True)
    calendar_event_link = models.URLField(max_length=500, blank=True)
    drive_folder_link = models.URLField(max_length=500, blank=True)
    team_members = models.ManyToManyField(
        "team.TeamMember", through="ShootAssignment", related_name="shoots", blank=True
    )
    notes = bounded_text(
        10_000, blank=True, help_text="Crew notes: internal, never shown to the client."
    )

    #: left out of a client user's API view and of the events its client's users receive
    internal_fields = ("notes",)

    objects = ShootQuerySet.as_manager()
    #: its files (the files app's ``attachments`` relation): the list selector's annotation
    attachments_count = RelatedCount("attachments")

    class Meta:
        ordering = ["-shoot_start"]
        indexes = [models.Index(fields=["client", "shoot_start"], name="shoot_client_start_idx")]
        constraints = [
            choices_constraint("status", ShootStatus, "shoot_status_valid"),
            models.CheckConstraint(
                condition=Q(duration__gt=timedelta(0)), name="shoot_duration_positive"
            ),
            models.CheckConstraint(
                condition=Q(shoot_end__gt=F("shoot_start")), name="shoot_end_after_start"
            ),
        ]

    def __str__(self):
        label = self.title or "Shoot"
        # in the viewer's zone (the agency's, or the signed-in user's own), never raw UTC
        start = self.shoot_start
        when = timezone.localtime(start).strftime("%Y-%m-%d %H:%M") if start else "unscheduled"
        return f"{label} · {when}"

    def compute_end(self) -> None:
        """Keeps ``shoot_end`` equal to ``shoot_start + duration``."""
        if self.shoot_start is not None and self.duration is not None:
            try:
                self.shoot_end = self.shoot_start + self.duration
            except OverflowError:  # e.g. 9999-12-31T23:00Z plus two hours
                raise ValidationError(
                    {"shoot_start": "A shoot must end before the year 10000."}
                ) from None

    def clean(self):
        super().clean()
        try:
            validate_drive_link(self.drive_folder_link)
        except ValidationError as exc:
            raise ValidationError({"drive_folder_link": exc.messages}) from None
        if self.duration is not None and self.duration <= timedelta(0):
            raise ValidationError({"duration": "A shoot lasts longer than zero minutes."})
        if self.duration is not None and self.duration > timedelta(hours=24):
            raise ValidationError({"duration": "A shoot lasts at most 24 hours."})
        self.compute_end()

    def save(self, *args, **kwargs):
        self.compute_end()
        if kwargs.get("update_fields") is not None and {"shoot_start", "duration"} & set(
            kwargs["update_fields"]
        ):
            kwargs["update_fields"] = {*kwargs["update_fields"], "shoot_end"}
        super().save(*args, **kwargs)


class ShootAssignment(models.Model):
    """A team member on a shoot, with the role they play there."""

    shoot = models.ForeignKey(Shoot, on_delete=models.CASCADE, related_name="assignments")
    team_member = models.ForeignKey(
        "team.TeamMember", on_delete=models.CASCADE, related_name="shoot_assignments"
    )
    role = choice_field(RoleName, RoleName.CONTENT_CREATOR, max_length=32, db_index=False)

    class Meta:
        ordering = ["shoot", "team_member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["shoot", "team_member"], name="shootassignment_unique_member"
            ),
            choices_constraint("role", RoleName, "shootassignment_role_valid"),
        ]

    def __str__(self):
        return f"{self.team_member} as {self.role}"
