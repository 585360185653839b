"""Orphaned objects: bytes in storage that no attachment row names (a crash between storing
and recording, a failed delete). Reported and removed by a weekly job."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone

from .models import Attachment
from .storage import remove, storage

logger = logging.getLogger("localbzz.files")
PREFIXES = ("attachments", "thumbnails")
#: younger objects may be uploads whose row is still being written
GRACE = timedelta(hours=24)


def stored_objects(prefix: str) -> list[str]:
    try:
        return [f"{prefix}/{name}" for name in storage().listdir(prefix)[1]]
    except FileNotFoundError:
        return []


def find_orphans(*, now=None) -> list[str]:
    """Keys under the attachments' prefixes that no row names, older than the grace period."""
    now = now or timezone.now()
    known = set(Attachment.objects.values_list("key", flat=True))
    known |= set(
        Attachment.objects.exclude(thumbnail_key="").values_list("thumbnail_key", flat=True)
    )
    orphans = []
    for prefix in PREFIXES:
        for key in stored_objects(prefix):
            if key in known:
                continue
            try:
                modified = storage().get_modified_time(key)
            except (NotImplementedError, OSError):
                modified = None
            if modified is None or now - modified >= GRACE:
                orphans.append(key)
    return orphans


def remove_orphans(*, dry_run: bool = False, now=None) -> dict:
    """Reports (and unless ``dry_run`` deletes) the orphaned objects."""
    orphans = find_orphans(now=now)
    if orphans:
        logger.warning("%d orphaned stored objects%s", len(orphans), "" if dry_run else ", removed")
    if not dry_run:
        remove(*orphans)
    return {
        "orphans": len(orphans),
        "removed": 0 if dry_run else len(orphans),
        "keys": orphans[:100],
    }
