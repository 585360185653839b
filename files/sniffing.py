"""Upload checks made before anything is stored: the name, the extension allow-list, the
content sniffed from the bytes (pure Python: ``filetype`` and Pillow, no libmagic), markup
hidden in a file (polyglots) and decompression bombs.

Each refusal is an ``UploadRejected`` carrying the HTTP status the API answers (400, 413, 415).
"""

from __future__ import annotations

import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

import filetype
from django.conf import settings
from PIL import Image, UnidentifiedImageError

MAX_NAME_BYTES = 255
_ISO_VIDEO = frozenset({"video/mp4", "video/x-m4v", "video/quicktime"})
_OFFICE = "application/vnd.openxmlformats-officedocument."
TEXT = "text/plain"


@dataclass(frozen=True)
class Allowed:
    content_type: str  # what is stored and served
    sniffed: frozenset[str]  # what ``filetype`` may find in the bytes (TEXT: no magic, UTF-8)


def _allowed(content_type: str, *sniffed: str) -> Allowed:
    return Allowed(content_type, frozenset(sniffed or (content_type,)))


#: extension -> what the bytes must be. No HTML, SVG, scripts or executables: never stored,
#: so never served.
ALLOWED = {
    "jpg": _allowed("image/jpeg"),
    "jpeg": _allowed("image/jpeg"),
    "png": _allowed("image/png"),
    "gif": _allowed("image/gif"),
    "webp": _allowed("image/webp"),
    "heic": _allowed("image/heic", "image/heic", "image/heif"),
    "heif": _allowed("image/heif", "image/heic", "image/heif"),
    "mp4": _allowed("video/mp4", *_ISO_VIDEO),
    "m4v": _allowed("video/x-m4v", *_ISO_VIDEO),
    "mov": _allowed("video/quicktime", *_ISO_VIDEO),
    "webm": _allowed("video/webm"),
    "mp3": _allowed("audio/mpeg"),
    "wav": _allowed("audio/x-wav"),
    "m4a": _allowed("audio/mp4"),
    "pdf": _allowed("application/pdf"),
    "docx": _allowed(
        f"{_OFFICE}wordprocessingml.document",
        f"{_OFFICE}wordprocessingml.document",
        "application/zip",
    ),
    "xlsx": _allowed(
        f"{_OFFICE}spreadsheetml.sheet", f"{_OFFICE}spreadsheetml.sheet", "application/zip"
    ),
    "pptx": _allowed(
        f"{_OFFICE}presentationml.presentation",
        f"{_OFFICE}presentationml.presentation",
        "application/zip",
    ),
    "zip": _allowed("application/zip"),
    "txt": _allowed("text/plain; charset=utf-8", TEXT),
    "csv": _allowed("text/csv; charset=utf-8", TEXT),
}
#: images Pillow opens (checked, bomb-guarded, thumbnailed)
PILLOW_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
#: shown inline by the preview route (``<img>``, ``<video>``): never markup or scripts
INLINE_TYPES = PILLOW_TYPES | {"video/mp4", "video/x-m4v", "video/quicktime", "video/webm"}
#: markup or script inside a file of another kind: a polyglot, refused
MARKERS = (
    b"<script",
    b"<html",
    b"<!doctype html",
    b"<svg",
    b"<?php",
    b"<iframe",
    b"<body",
    b"<object",
    b"<embed",
    b"javascript:",
    b"/javascript",
)
_SCAN_ALL = 64 * 1024 * 1024  # files up to this size are scanned whole, larger ones head + tail
_SCAN_EDGE = 4 * 1024 * 1024
_CHUNK = 1024 * 1024


class UploadRejected(Exception):
    """An upload refused before storage, with the status the API answers."""

    def __init__(self, status: int, message: str, code: str = "invalid"):
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code


def unsupported(message: str) -> UploadRejected:
    return UploadRejected(415, message, "unsupported_media_type")


def clean_name(raw: str) -> str:
    """The file's name without path parts or control/format characters, at most 255 bytes.

    A name that is nothing once cleaned, or too long, is refused (400).
    """
    name = PureWindowsPath(PurePosixPath(raw or "").name).name
    name = "".join(ch for ch in name if unicodedata.category(ch) not in {"Cc", "Cf", "Cs"})
    name = unicodedata.normalize("NFC", name).strip().strip(".").strip()
    if not name or name in {".", ".."}:
        raise UploadRejected(400, "The file needs a name.")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise UploadRejected(400, f"The file name is longer than {MAX_NAME_BYTES} bytes.")
    return name


def extension(name: str) -> str:
    return name.rpartition(".")[2].lower() if "." in name else ""


def check_upload(path: str, name: str, size: int) -> str:
    """Checks the uploaded bytes at ``path`` against ``name``; the content type to store."""
    if size <= 0:
        raise UploadRejected(400, "The file is empty.")
    if size > settings.MAX_ATTACHMENT_SIZE:
        raise UploadRejected(
            413,
            f"The file is larger than {settings.MAX_ATTACHMENT_SIZE} bytes.",
            "payload_too_large",
        )
    ext = extension(name)
    allowed = ALLOWED.get(ext)
    if allowed is None:
        kinds = ", ".join(sorted(ALLOWED))
        raise unsupported(f"Files of type .{ext or '(none)'} are not accepted (accepted: {kinds}).")
    with open(path, "rb") as fh:
        head = fh.read(8192)
    if TEXT in allowed.sniffed:
        _check_text(path)
    else:
        sniffed = filetype.guess_mime(head)
        if sniffed not in allowed.sniffed:
            raise unsupported(
                f"The content of the file ({sniffed or 'unknown'}) is not a .{ext} file."
            )
    _check_markers(path, size)
    if allowed.content_type in PILLOW_TYPES:
        check_image(path)
    return allowed.content_type


def _check_text(path: str) -> None:
    with open(path, "rb") as fh:
        data = fh.read(_SCAN_EDGE)
    if b"\x00" in data or filetype.guess_mime(data[:8192]) is not None:
        raise unsupported("The file is not plain text.")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(data) - 4:  # a character cut at the end of the read is fine
            raise unsupported("The file is not UTF-8 text.") from None


def _check_markers(path: str, size: int) -> None:
    for chunk in _scanned_chunks(path, size):
        lowered = chunk.lower()
        if any(marker in lowered for marker in MARKERS):
            raise unsupported("The file contains markup or script (HTML, SVG, JavaScript).")


def _scanned_chunks(path: str, size: int):
    """Overlapping chunks of the whole file, or of its head and tail when it is large."""
    ranges = [(0, size)] if size <= _SCAN_ALL else [(0, _SCAN_EDGE), (size - _SCAN_EDGE, size)]
    overlap = max(len(m) for m in MARKERS)
    with open(path, "rb") as fh:
        for start, end in ranges:
            fh.seek(start)
            tail = b""
            position = start
            while position < end:
                chunk = fh.read(min(_CHUNK, end - position))
                if not chunk:
                    break
                position += len(chunk)
                yield tail + chunk
                tail = chunk[-overlap:]


def check_image(path: str) -> None:
    """An image Pillow can read whole, within ``ATTACHMENT_MAX_IMAGE_PIXELS``."""
    try:
        with open_image(path) as image:
            image.verify()
    except UploadRejected:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise unsupported(f"The image cannot be read ({exc.__class__.__name__}).") from None


def open_image(fp) -> Image.Image:
    """``Image.open`` with the decompression-bomb guard: more pixels than the setting is a 413."""
    limit = settings.ATTACHMENT_MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(fp)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(limit) from None
    if image.width * image.height > limit:
        image.close()
        raise _too_many_pixels(limit)
    return image


def _too_many_pixels(limit: int) -> UploadRejected:
    return UploadRejected(413, f"The image has more than {limit} pixels.", "payload_too_large")
