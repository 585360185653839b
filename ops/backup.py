"""Backups: the database (PostgreSQL custom-format dump, or an SQLite copy through SQLite's
backup API), the media files (a tar.gz of MEDIA_ROOT) and a manifest with checksums and row
counts; restore checks the checksums first and the row counts after.

A backup is a folder ``BACKUP_DIR/localbzz-<UTC time>/``; the newest ``BACKUP_RETENTION``
are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection, connections

MANIFEST = "manifest.json"
PREFIX = "localbzz-"


class BackupError(Exception):
    """A backup or restore that cannot go on (the message says why)."""


# --- Helpers -------------------------------------------------------------------------------
def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    """Rows per table of every installed model (what a restore must give back)."""
    tables = set(connection.introspection.table_names())
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if model._meta.managed and not model._meta.proxy and table in tables:
            counts[table] = model._base_manager.using("default").count()
    return dict(sorted(counts.items()))


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _pg_env_and_args() -> tuple[dict, list[str]]:
    s = connection.settings_dict
    env = {**os.environ}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    args = [f"--dbname={s['NAME']}"]
    if s.get("HOST"):
        args.append(f"--host={s['HOST']}")
    if s.get("PORT"):
        args.append(f"--port={s['PORT']}")
    if s.get("USER"):
        args.append(f"--username={s['USER']}")
    return env, args


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (apt-get install postgresql-client)")
    return found


def _media_root() -> Path | None:
    """The local media folder, or None when files live in a bucket (versioned there)."""
    storage = storages["default"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


# --- Database ------------------------------------------------------------------------------
def dump_database(target_dir: Path) -> str:
    if _is_postgres():
        path = target_dir / "database.dump"
        env, args = _pg_env_and_args()
        command = [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
        subprocess.run([*command, f"--file={path}", *args], env=env, check=True)  # noqa: S603
        return path.name
    path = target_dir / "database.sqlite3"
    connection.ensure_connection()
    destination = sqlite3.connect(path)
    try:
        connection.connection.backup(destination)  # a consistent copy, even while in use
    finally:
        destination.close()
    return path.name


def load_database(path: Path) -> None:
    if _is_postgres():
        if not path.name.endswith(".dump"):
            raise BackupError("this backup is of SQLite; the database here is PostgreSQL")
        env, args = _pg_env_and_args()
        connections.close_all()
        command = [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--exit-on-error"]
        subprocess.run([*command, *args, str(path)], env=env, check=True)  # noqa: S603
        connections.close_all()
        return
    if not path.name.endswith(".sqlite3"):
        raise BackupError("this backup is of PostgreSQL; the database here is SQLite")
    connection.ensure_connection()
    source = sqlite3.connect(path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


# --- Media ---------------------------------------------------------------------------------
def archive_media(target_dir: Path) -> str | None:
    root = _media_root()
    if root is None:
        return None
    path = target_dir / "media.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        if root.exists():
            archive.add(root, arcname=".")
    return path.name


def extract_media(path: Path) -> None:
    root = _media_root()
    if root is None:
        raise BackupError("files are stored in a bucket here: restore them from its versions")
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, "r:gz") as archive:
        archive.extractall(root, filter="data")  # no absolute paths, links out or devices


# --- Commands' entry points ----------------------------------------------------------------
def create_backup(directory: Path | None = None) -> Path:
    """Writes one backup folder and applies the retention; returns the folder."""
    base = Path(directory or settings.BACKUP_DIR)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = base / f"{PREFIX}{stamp}"
    partial = base / f".partial-{stamp}"
    partial.mkdir(parents=True)
    try:
        files = [dump_database(partial)]
        media = archive_media(partial)
        if media:
            files.append(media)
        manifest = {
            "created_at": datetime.now(UTC).isoformat(),
            "version": settings.LOCALBZZ_VERSION,
            "database": connection.vendor,
            "media": "archived" if media else "in the bucket (not archived)",
            "files": {
                name: {"sha256": sha256(partial / name), "bytes": (partial / name).stat().st_size}
                for name in files
            },
            "row_counts": row_counts(),
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        partial.rename(target)  # complete or absent: never a half backup under its name
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    apply_retention(base)
    return target


def apply_retention(base: Path, keep: int | None = None) -> list[Path]:
    keep = settings.BACKUP_RETENTION if keep is None else keep
    backups = sorted(p for p in base.glob(f"{PREFIX}*") if (p / MANIFEST).exists())
    removed = backups[: max(len(backups) - keep, 0)]
    for path in removed:
        shutil.rmtree(path)
    return removed


def read_manifest(folder: Path) -> dict:
    """The manifest, after every file's checksum matched."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{folder}: no readable {MANIFEST} ({exc})") from exc
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.is_file() or sha256(path) != expected["sha256"]:
            raise BackupError(f"{name}: missing or its checksum differs; nothing was restored")
    return manifest


def restore_backup(folder: Path) -> dict[str, tuple[int, int]]:
    """Restores the database and files; returns the tables whose row counts differ from
    the manifest (``{table: (expected, found)}``; empty when all match)."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    database = next(name for name in manifest["files"] if name.startswith("database."))
    load_database(folder / database)
    if "media.tar.gz" in manifest["files"]:
        extract_media(folder / "media.tar.gz")
    found = row_counts()
    return {
        table: (expected, found.get(table, -1))
        for table, expected in manifest["row_counts"].items()
        if found.get(table, -1) != expected
    }
