"""A shoot's Drive folder: ``<client>/<year>/<YYYY-MM-DD> <location>`` under the root folder,
created once, renamed or moved when the shoot's client, date or location change."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from files.models import DriveFolder
from shoots.models import Shoot
from shoots.services import shoot_update

from .client import FOLDER_MIME, run, service

_FIELDS = "id, name, webViewLink, parents"


def folder_path(shoot: Shoot) -> list[str]:
    """The folder names from the root: client, year, then date and location."""
    day = timezone.localtime(shoot.shoot_start).date()
    leaf = f"{day.isoformat()} {shoot.location}".strip()
    return [_clean(shoot.client.name), str(day.year), _clean(leaf)]


def _clean(name: str) -> str:
    return " ".join(name.split())[:200] or "Untitled"


def _quoted(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def find_or_create(drive, parent_id: str, name: str) -> dict:
    """The folder ``name`` in ``parent_id`` (shared drives too), created when missing."""
    query = (
        f"name = {_quoted(name)} and {_quoted(parent_id)} in parents "
        f"and mimeType = '{FOLDER_MIME}' and trashed = false"
    )
    found = run(
        drive.files().list(
            q=query,
            fields=f"files({_FIELDS})",
            pageSize=1,
            supportsAllDrives=True,
            includeItemsFromAllDrives=True,
            corpora="allDrives",
        )
    ).get("files", [])
    if found:
        return found[0]
    return run(
        drive.files().create(
            body={"name": name, "mimeType": FOLDER_MIME, "parents": [parent_id]},
            fields=_FIELDS,
            supportsAllDrives=True,
        )
    )


def sync_shoot_folder(shoot_id) -> DriveFolder | None:
    """Creates the shoot's folder, or renames / moves it to the shoot's current path.

    Idempotent: a shoot whose folder already has its path costs no API call. Raises the
    ``files.drive.client`` errors (the job retries temporary ones, reports auth ones).
    """
    shoot = Shoot.objects.select_related("client").filter(pk=shoot_id).first()
    if shoot is None:
        return None
    path = folder_path(shoot)
    joined = "/".join(path)
    existing = DriveFolder.objects.filter(shoot=shoot).first()
    if existing is not None and existing.path == joined:
        return existing
    drive = service()
    parent = settings.GOOGLE_DRIVE_ROOT_FOLDER_ID
    for name in path[:-1]:
        parent = find_or_create(drive, parent, name)["id"]
    if existing is None:
        folder = find_or_create(drive, parent, path[-1])
    else:
        folder = run(
            drive.files().update(
                fileId=existing.folder_id,
                body={"name": path[-1]},
                addParents=parent if parent != existing.parent_id else None,
                removeParents=existing.parent_id if parent != existing.parent_id else None,
                fields=_FIELDS,
                supportsAllDrives=True,
            )
        )
    return _record(shoot, existing, folder, parent, joined)


@transaction.atomic
def _record(shoot: Shoot, existing, folder: dict, parent: str, path: str) -> DriveFolder:
    record = existing or DriveFolder(shoot=shoot)
    record.folder_id = folder["id"]
    record.parent_id = parent
    record.link = (
        folder.get("webViewLink") or f"https://drive.google.com/drive/folders/{folder['id']}"
    )
    record.path = path
    record.save()
    if shoot.drive_folder_link != record.link:
        # the shoot's own field, through its service: the change is an event like any other
        shoot_update(shoot=shoot, actor=None, drive_folder_link=record.link)
    return record
