"""Stored bytes follow their rows: a deleted attachment (by itself, or with its owner through
the database cascade) deletes its objects from storage once the transaction commits.

Storage clean-up, not a business event: a rolled-back delete keeps the files, a committed one
leaves no orphan behind (the weekly orphan job catches what a crash between the two leaves).
"""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Attachment
from .storage import remove


@receiver(post_delete, sender=Attachment, dispatch_uid="files.remove_stored_bytes")
def remove_stored_bytes(sender, instance: Attachment, **kwargs) -> None:
    keys = (instance.key, instance.thumbnail_key)
    transaction.on_commit(lambda: remove(*keys), robust=True)
