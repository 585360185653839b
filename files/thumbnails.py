"""Thumbnails of image attachments (Pillow): EXIF orientation applied, bombs refused."""

from __future__ import annotations

import io
import logging

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from .models import Attachment
from .sniffing import PILLOW_TYPES, UploadRejected, open_image
from .storage import new_key, put, remove, storage

logger = logging.getLogger("localbzz.files")
SIZE = (480, 480)


def render_thumbnail(fp) -> bytes:
    """A JPEG at most 480 px on its longer side, upright as the camera held it."""
    with open_image(fp) as image:
        image.draft("RGB", SIZE)  # JPEG: decode at a reduced scale, far less memory
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail(SIZE)
        if upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        out = io.BytesIO()
        upright.save(out, "JPEG", quality=82, optimize=True)
        return out.getvalue()


def generate_thumbnail(attachment_id) -> str:
    """Makes and records the thumbnail of one attachment; its key, or "" when none was made."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None or attachment.content_type not in PILLOW_TYPES:
        return ""
    if attachment.thumbnail_key:
        return attachment.thumbnail_key  # idempotent: a re-run makes no second one
    try:
        with storage().open(attachment.key, "rb") as fh:
            data = render_thumbnail(fh)
    except (UploadRejected, OSError, ValueError, Image.DecompressionBombError) as exc:
        logger.warning("no thumbnail for attachment %s: %s", attachment_id, exc)
        return ""
    key = new_key("thumbnails", ".jpg")
    put(key, ContentFile(data))
    if not Attachment.objects.filter(pk=attachment_id).update(thumbnail_key=key):
        remove(key)  # the attachment was deleted meanwhile
        return ""
    return key
