"""Serving stored bytes: a stream from local storage (with HTTP ranges, so a ``<video>`` can
seek) or a redirect to a short-lived signed URL (cloud storage, whose own server answers
ranges).

Ranges (RFC 9110 §14): one ``bytes=first-last``, ``bytes=first-`` or ``bytes=-suffix``
range answers 206 with ``Content-Range``; a range that is malformed or starts past the end
answers 416 with ``Content-Range: bytes */<size>``. Several ranges at once, another unit or an
``If-Range`` (we send no validators to match) get the whole file (200), as the RFC allows.
"""

from __future__ import annotations

import re

from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.http.response import StreamingHttpResponse

from .storage import content_disposition, is_cloud, signed_url, storage

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_CHUNK = 256 * 1024


class Unsatisfiable(Exception):
    """A range the file cannot answer (416)."""


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """``(first, last)`` (inclusive) of a ``Range`` header for a file of ``size`` bytes, None
    for "send the whole file", ``Unsatisfiable`` for a bad byte range."""
    header = (header or "").strip()
    if not header.lower().startswith("bytes="):
        return None  # no range, or a unit we do not know: the whole file
    spec = "bytes=" + header[6:].strip()
    if "," in spec:
        return None  # several ranges: the whole file rather than multipart/byteranges
    match = _RANGE.match(spec)
    if match is None:
        raise Unsatisfiable(header)
    first, last = match.groups()
    if not first and not last:
        raise Unsatisfiable(header)
    if not first:  # the last N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise Unsatisfiable(header)
        return max(0, size - suffix), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if start >= size or end < start:
        raise Unsatisfiable(header)
    return start, min(end, size - 1)


def _part(fh, start: int, length: int):
    """The bytes ``start`` .. ``start + length - 1`` of ``fh``, in chunks; closes it."""
    try:
        fh.seek(start)
        left = length
        while left > 0:
            chunk = fh.read(min(_CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            yield chunk
    finally:
        fh.close()


def serve(request, key: str, name: str, content_type: str, *, inline: bool):
    """Streams the object (local storage, ranges answered) or redirects to a signed URL."""
    disposition = content_disposition("inline" if inline else "attachment", name)
    if is_cloud():
        url = signed_url(key, name=name, content_type=content_type, inline=inline)
        response = HttpResponseRedirect(url)
    else:
        try:
            fh = storage().open(key, "rb")
        except FileNotFoundError:
            raise Http404("The file is gone from storage.") from None
        size = fh.size
        wanted = request.headers.get("Range") if request.method in ("GET", "HEAD") else None
        if wanted and request.headers.get("If-Range"):
            wanted = None
        try:
            part = byte_range(wanted, size) if wanted else None
        except Unsatisfiable:
            fh.close()
            response = HttpResponse(status=416, content_type=content_type)
            response["Content-Range"] = f"bytes */{size}"
            part = None
        else:
            if part is None:
                response = FileResponse(fh, content_type=content_type)
            else:
                start, end = part
                length = end - start + 1
                response = StreamingHttpResponse(
                    _part(fh, start, length), status=206, content_type=content_type
                )
                response["Content-Range"] = f"bytes {start}-{end}/{size}"
                response["Content-Length"] = str(length)
        response["Accept-Ranges"] = "bytes"
        response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0, no-store"
    if not inline:
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
