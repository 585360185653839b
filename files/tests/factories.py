"""Attachments and sample file bytes for tests: ``make_attachment``, ``jpeg_bytes``, ..."""

from __future__ import annotations

import contextlib
import io

from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from files.models import DriveFolder
from files.services import attachment_create
from files.storage import storage

#: the smallest files of each kind that pass the checks
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04webm" + b"\0" * 32
TEXT = b"Shot list: bakery front, ovens, croissants.\n"


def image_bytes(fmt: str = "JPEG", size=(64, 48), color=(200, 120, 40), exif=None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, color)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, fmt, **kwargs)
    return out.getvalue()


def jpeg_bytes(**kw) -> bytes:
    return image_bytes("JPEG", **kw)


def png_bytes(**kw) -> bytes:
    return image_bytes("PNG", **kw)


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def multipart(name: str, data: bytes, **fields: str) -> tuple[bytes, str]:
    """A ``multipart/form-data`` body with ``file`` named exactly ``name`` (the test client's
    own files drop path parts and cut long names first), and its content type."""
    boundary = "----localbzz-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def stored_keys() -> set[str]:
    """Every object under the attachments' and thumbnails' prefixes of the storage."""
    keys = set()
    for prefix in ("attachments", "thumbnails"):
        if storage().exists(prefix) or not isinstance(storage(), FileSystemStorage):
            with contextlib.suppress(FileNotFoundError):
                keys |= {f"{prefix}/{name}" for name in storage().listdir(prefix)[1]}
    return keys


def make_drive_folder(shoot, folder_id: str = "1ShootFolder", **kw) -> DriveFolder:
    """A shoot's Drive folder record, as the folder job leaves it."""
    kw.setdefault("parent_id", "1YearFolder")
    kw.setdefault("link", f"https://drive.google.com/drive/folders/{folder_id}")
    kw.setdefault("path", "Acme Bakery/2026/2026-03-14 Main St 1")
    return DriveFolder.objects.create(shoot=shoot, folder_id=folder_id, **kw)


def make_attachment(owner, *, actor=None, name="photo.jpg", data=None, note=""):
    """A stored attachment of ``owner`` (a small JPEG by default), through the service."""
    data = jpeg_bytes() if data is None else data
    return attachment_create(actor=actor, owner=owner, upload=upload(name, data), note=note)


def gif_bytes(**kw) -> bytes:
    return image_bytes("GIF", **kw)
