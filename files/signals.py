"""Stored bytes follow their rows, and shoots their Drive folders.

Stored bytes: a deleted attachment (by itself, or with its owner through
the database cascade) deletes its objects from storage once the transaction commits.

Storage clean-up, not a business event: a rolled-back delete keeps the files, a committed one
leaves no orphan behind (the weekly orphan job catches what a crash between the two leaves).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from localbzz.form_files import register_form_files
from shoots.models import Shoot

from .drive.client import connected
from .jobs import drive_sync_shoot_folder
from .models import Attachment
from .services import attach_form_files
from .storage import remove

# Another app's form (the portal's new request) stores its files through the upload checks.
register_form_files(attach_form_files)


@receiver(post_delete, sender=Attachment, dispatch_uid="files.remove_stored_bytes")
def remove_stored_bytes(sender, instance: Attachment, **kwargs) -> None:
    keys = (instance.key, instance.thumbnail_key)
    transaction.on_commit(lambda: remove(*keys), robust=True)


@receiver(post_save, sender=Shoot, dispatch_uid="files.shoot_drive_folder")
def queue_shoot_drive_folder(sender, instance: Shoot, **kwargs) -> None:
    """A saved shoot gets (or keeps in step) its Drive folder, by a job after commit; the job
    is a no-op when the folder already has the shoot's path. Nothing without Drive settings."""
    if not connected() or kwargs.get("raw"):
        return
    shoot_id = str(instance.pk)
    transaction.on_commit(lambda: drive_sync_shoot_folder.delay(shoot_id), robust=True)
