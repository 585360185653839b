"""The bytes, through Django's storage API: local ``MEDIA_ROOT``, S3 or GCS (django-storages).

Keys are random (``attachments/<uuid>``); the original name is metadata only, never a path.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from urllib.parse import quote

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages


def storage() -> Storage:
    """The attachments' storage (``STORAGES["default"]``, read per call so tests may swap it)."""
    return storages["default"]


def new_key(prefix: str = "attachments", suffix: str = "") -> str:
    return f"{prefix}/{uuid.uuid4()}{suffix}"


def put(key: str, fileobj) -> str:
    """Stores ``fileobj`` under ``key`` (streamed: a temporary upload is moved or sent in parts)."""
    stored = storage().save(key, fileobj if isinstance(fileobj, File) else File(fileobj))
    if stored != key:  # a random key never collides; a storage renaming it would lose the file
        storage().delete(stored)
        raise RuntimeError(f"The storage renamed {key!r} to {stored!r}.")
    return stored


def remove(*keys: str) -> None:
    """Deletes stored objects; a key already gone is no error."""
    for key in keys:
        if key:
            storage().delete(key)


def is_cloud() -> bool:
    """True when downloads are redirects to signed URLs (S3-compatible storage or GCS)."""
    return hasattr(storage(), "bucket_name")


def content_disposition(kind: str, name: str) -> str:
    """``attachment`` / ``inline`` with the name as an RFC 6266 ``filename*``."""
    ascii_name = name.encode("ascii", "ignore").decode().replace('"', "").replace("\\", "")
    return f"{kind}; filename=\"{ascii_name or 'file'}\"; filename*=UTF-8''{quote(name)}"


def is_gcs() -> bool:
    """True for Google Cloud Storage (django-storages' ``GoogleCloudStorage``)."""
    return type(storage()).__module__ == "storages.backends.gcloud"


def signed_url(key: str, *, name: str, content_type: str, inline: bool = False) -> str:
    """A URL of the object that expires after ``ATTACHMENT_URL_SECONDS`` (cloud storage)."""
    disposition = content_disposition("inline" if inline else "attachment", name)
    if is_gcs():  # a V4 signed URL; GCS names the response overrides its own way
        return storage().url(
            key,
            parameters={
                "response_disposition": disposition,
                "response_type": content_type,
                "expiration": timedelta(seconds=settings.ATTACHMENT_URL_SECONDS),
            },
        )
    return storage().url(
        key,
        parameters={
            "ResponseContentDisposition": disposition,
            "ResponseContentType": content_type,
        },
        expire=settings.ATTACHMENT_URL_SECONDS,
    )
