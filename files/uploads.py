"""Receiving an upload: streamed to a temporary file in chunks, hashed and measured on the
way, and stopped as soon as it passes ``MAX_ATTACHMENT_SIZE`` (never held whole in memory)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler

#: room for the multipart framing and the ``note`` field on top of the file itself
MULTIPART_SLACK = 64 * 1024


def body_limit() -> int:
    """The largest request body an upload may have (checked on Content-Length, before reading)."""
    return settings.MAX_ATTACHMENT_SIZE + MULTIPART_SLACK


class AttachmentUploadHandler(TemporaryFileUploadHandler):
    """Writes each uploaded file to a temporary file, with its SHA-256 and size.

    Past the limit the upload stops (``too_large`` is set, the partial file is closed and
    deleted) and the view answers 413.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.too_large = False
        self._hash = None
        self._size = 0

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        # as sent (Django's UploadedFile cuts names to 255 characters; a longer one is a 400)
        self.file.original_name = file_name
        self._hash = hashlib.sha256()
        self._size = 0

    def receive_data_chunk(self, raw_data, start):
        self._size += len(raw_data)
        if self._size > settings.MAX_ATTACHMENT_SIZE:
            self.too_large = True
            self.file.close()  # a NamedTemporaryFile: closing deletes it
            raise StopUpload(connection_reset=False)
        self._hash.update(raw_data)
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size):
        uploaded = super().file_complete(file_size)
        uploaded.sha256 = self._hash.hexdigest()
        return uploaded
