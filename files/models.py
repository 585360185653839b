"""Attachments: files uploaded to a deliverable, a shoot, a task or a portal request, and a
client's logo (at most one: a one-to-one link, replaced by a new upload).

The owner is one of four explicit nullable foreign keys, exactly one set (a check
constraint), rather than a generic (content type + object id) relation: the database keeps
the reference whole, deleting an owner cascades to its attachments (and, after commit, to
their bytes: ``files/signals.py``), the policy scopes attachments with plain joins
(``deliverable__client``), and each owner gets an ``attachments`` reverse relation that its
selectors can count without importing this app.
"""

from __future__ import annotations

import operator
from functools import reduce

from django.conf import settings
from django.db import models
from django.db.models import Q

from localbzz.accounts.permissions import VisibleQuerySet
from localbzz.db import BaseModel

#: the foreign keys of the four owner kinds
OWNER_FIELDS = ("deliverable", "shoot", "task", "portal_request", "client")


def _exactly_one_owner() -> Q:
    """One of the owner foreign keys set, the others null."""
    alternatives = [
        Q(**{f"{name}__isnull": False}, **{other: None for other in OWNER_FIELDS if other != name})
        for name in OWNER_FIELDS
    ]
    return reduce(operator.or_, alternatives)


class AttachmentQuerySet(VisibleQuerySet):
    """Named rules of attachments."""

    def of_owner(self, owner):
        """The attachments of ``owner`` (a deliverable, shoot, task or portal request)."""
        return self.filter(**{owner_field(owner): owner})

    def images(self):
        return self.filter(content_type__startswith="image/")


class Attachment(BaseModel):
    """A stored file: random storage key, its original name as metadata, its checksum."""

    deliverable = models.ForeignKey(
        "deliverables.Deliverable",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    shoot = models.ForeignKey(
        "shoots.Shoot", on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    task = models.ForeignKey(
        "tasks.Task", on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    portal_request = models.ForeignKey(
        "portal.ClientPortalRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    #: the client whose logo this is (shown on its portal's header)
    client = models.OneToOneField(
        "clients.Client",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="logo_attachment",
    )
    key = models.CharField(max_length=200, unique=True, editable=False)
    thumbnail_key = models.CharField(max_length=200, blank=True, default="", editable=False)
    name = models.CharField(max_length=255)
    size = models.BigIntegerField()
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
    )
    note = models.CharField(max_length=1000, blank=True, default="")
    #: 1, 2, ... per owner: a deliverable's new file keeps the earlier ones (newest first)
    version = models.PositiveIntegerField(default=1)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-version")
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_owner(), name="attachment_exactly_one_owner"
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="attachment_size_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def owner(self):
        for name in OWNER_FIELDS:
            if getattr(self, f"{name}_id") is not None:
                return getattr(self, name)
        return None

    @property
    def owner_field(self) -> str:
        return next(n for n in OWNER_FIELDS if getattr(self, f"{n}_id") is not None)

    @property
    def owner_id(self):
        return getattr(self, f"{self.owner_field}_id")

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def is_video(self) -> bool:
        return self.content_type.startswith("video/")


def owner_field(owner) -> str:
    """The attachment's foreign key that points to ``owner``'s model."""
    for field in Attachment._meta.get_fields():
        if field.name in OWNER_FIELDS and field.related_model is type(owner):
            return field.name
    raise TypeError(f"{type(owner).__name__} takes no attachments.")


class DriveFolder(BaseModel):
    """The Google Drive folder of a shoot: ``<client>/<year>/<YYYY-MM-DD> <location>``."""

    shoot = models.OneToOneField(
        "shoots.Shoot", on_delete=models.CASCADE, related_name="drive_folder"
    )
    folder_id = models.CharField(max_length=200)
    parent_id = models.CharField(max_length=200)
    link = models.URLField(max_length=500)
    #: the path it was last given (a renamed or moved shoot renames / moves it)
    path = models.CharField(max_length=1000)

    def __str__(self) -> str:
        return self.path
