"""What is in a shoot's Drive folder (cached briefly), and one file of it."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from .client import DriveError, run, service

_FILE_FIELDS = "id, name, mimeType, size, thumbnailLink, modifiedTime, webViewLink, parents"
MAX_PAGES = 10  # 10 x 1,000 files: a shoot folder is far smaller


def _cache_key(folder_id: str) -> str:
    return f"files:drive:list:{folder_id}"


def folder_files(folder_id: str, *, fresh: bool = False) -> list[dict]:
    """The files of a folder (not trashed), newest first, as the API shows them."""
    key = _cache_key(folder_id)
    if not fresh:
        cached = cache.get(key)
        if cached is not None:
            return cached
    drive = service()
    files, token = [], None
    for _ in range(MAX_PAGES):
        page = run(
            drive.files().list(
                q=f"'{folder_id}' in parents and trashed = false",
                fields=f"nextPageToken, files({_FILE_FIELDS})",
                orderBy="modifiedTime desc",
                pageSize=1000,
                pageToken=token,
                supportsAllDrives=True,
                includeItemsFromAllDrives=True,
                corpora="allDrives",
            )
        )
        files.extend(_shown(f) for f in page.get("files", []))
        token = page.get("nextPageToken")
        if not token:
            break
    cache.set(key, files, settings.GOOGLE_DRIVE_LIST_CACHE_SECONDS)
    return files


def _shown(item: dict) -> dict:
    size = item.get("size")
    return {
        "id": item["id"],
        "name": item.get("name", ""),
        "mime_type": item.get("mimeType", ""),
        "size": int(size) if size is not None else None,
        "thumbnail_link": item.get("thumbnailLink"),
        "modified_time": item.get("modifiedTime"),
        "link": item.get("webViewLink") or f"https://drive.google.com/file/d/{item['id']}/view",
    }


def folder_file(folder_id: str, file_id: str) -> dict:
    """One file of the folder, or ``DriveError`` when it is not in that folder."""
    item = run(service().files().get(fileId=file_id, fields=_FILE_FIELDS, supportsAllDrives=True))
    if folder_id not in (item.get("parents") or []):
        raise DriveError("That file is not in the shoot's Drive folder.")
    return _shown(item)
