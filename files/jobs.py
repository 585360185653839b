"""Celery jobs of the files app: thin wrappers that load by id and do one thing."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from shoots.models import Shoot

from .cleanup import remove_orphans
from .drive.client import (
    DriveAuthError,
    DriveError,
    DriveNotConnected,
    DriveTemporaryError,
    connected,
)
from .drive.folders import sync_shoot_folder
from .drive.health import credential_ok, report_credential_problem
from .drive.listing import folder_files
from .drive.review import review_matching
from .models import DriveFolder
from .thumbnails import generate_thumbnail

logger = logging.getLogger("localbzz.files")
#: the shoots the periodic Drive sync keeps in step (folders made, listings refreshed)
SYNC_PAST = timedelta(days=30)
SYNC_AHEAD = timedelta(days=90)


@shared_task(acks_late=True, ignore_result=True)
def make_thumbnail(attachment_id: str) -> str:
    """Renders the thumbnail of an image attachment."""
    return generate_thumbnail(attachment_id)


def drive_folder_step(shoot_id: str) -> str:
    """One attempt at a shoot's Drive folder: "ok", "retry", "auth", "failed" or "off"."""
    try:
        sync_shoot_folder(shoot_id)
    except DriveNotConnected:
        return "off"
    except DriveAuthError as exc:
        report_credential_problem(str(exc))
        return "auth"
    except DriveTemporaryError as exc:
        logger.warning("Drive folder of shoot %s: %s (will retry)", shoot_id, exc)
        return "retry"
    except DriveError as exc:
        logger.error("Drive folder of shoot %s failed: %s", shoot_id, exc)
        return "failed"
    credential_ok()
    return "ok"


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=8)
def drive_sync_shoot_folder(self, shoot_id: str) -> str:
    """Creates, renames or moves a shoot's Drive folder; Google errors retry with backoff
    (30 s, 1 min, 2 min ... at most an hour apart), a refused credential tells the admins
    (once per outage)."""
    outcome = drive_folder_step(shoot_id)
    if outcome == "retry" and not self.request.is_eager:
        raise self.retry(countdown=min(3600, 30 * 2**self.request.retries))
    return outcome


@shared_task(ignore_result=True)
def drive_sync() -> dict:
    """Periodic: every recent or coming shoot has its folder at its path; listings refreshed."""
    if not connected():
        return {"connected": False}
    now = timezone.now()
    shoots = Shoot.objects.filter(
        shoot_start__gte=now - SYNC_PAST, shoot_start__lte=now + SYNC_AHEAD
    ).values_list("pk", flat=True)
    counts: dict = {"connected": True}
    for shoot_id in shoots:
        outcome = drive_folder_step(str(shoot_id))
        counts[outcome] = counts.get(outcome, 0) + 1
        if outcome == "auth":
            break  # the same refusal for every shoot: once is enough
    folders = DriveFolder.objects.filter(shoot__in=shoots).values_list("shoot_id", "folder_id")
    for shoot_id, folder_id in folders:
        try:
            files = folder_files(folder_id, fresh=True)
        except DriveAuthError as exc:
            report_credential_problem(str(exc))
            counts["auth"] = counts.get("auth", 0) + 1
            break
        except DriveError:
            counts["listing_failed"] = counts.get("listing_failed", 0) + 1
            continue
        if settings.GOOGLE_DRIVE_AUTO_REVIEW:
            moved = review_matching(shoot_id, files)
            counts["to_review"] = counts.get("to_review", 0) + len(moved)
    return counts


@shared_task(ignore_result=True)
def remove_orphaned_files() -> dict:
    """Weekly: deletes stored objects no attachment names (older than a day), with a report."""
    return remove_orphans()
