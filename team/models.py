"""Team members: the agency's staff and contractors."""

from django.db import models

from localbzz.accounts.permissions import VisibleQuerySet
from localbzz.crypto import EncryptedTextField
from localbzz.db import BaseModel, choices_constraint


class RoleName(models.TextChoices):
    EDITOR = "Editor"
    SCHEDULER = "Scheduler"
    CONTENT_CREATOR = "Content Creator"


class TeamRole(models.Model):
    """One of the roles a team member can hold (a row each, so lists filter by role anywhere)."""

    name = models.CharField(max_length=32, unique=True, choices=RoleName.choices)

    class Meta:
        ordering = ["name"]
        constraints = [choices_constraint("name", RoleName, "teamrole_name_valid")]

    def __str__(self):
        return self.name


class TeamMemberQuerySet(VisibleQuerySet):
    pass


class TeamMember(BaseModel):
    """A person on the agency's team who shoots, edits or schedules content."""

    name = models.CharField(max_length=200, db_index=True)
    email = models.EmailField(unique=True)
    phone = EncryptedTextField(max_length=40, blank=True)  # encrypted at rest
    roles = models.ManyToManyField(TeamRole, blank=True, related_name="members")
    is_active = models.BooleanField(default=True, db_index=True)

    objects = TeamMemberQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def role_names(self) -> list[str]:
        return [role.name for role in self.roles.all()]
