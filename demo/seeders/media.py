"""Pictures for the demo: the small images and the clip in ``demo/pictures/`` become files of a
few deliverables of each active client (a photo, a carousel's slides, a reel's clip, and a
second version here and there), with their thumbnails, so ``make run`` shows pictures."""

from __future__ import annotations

import hashlib
import io
import uuid
from pathlib import Path

from django.core.files.base import ContentFile

from deliverables.models import Deliverable, DeliverableStatus, DeliverableType
from demo.seeders.base import Demo
from files.models import Attachment
from files.storage import new_key, put
from files.thumbnails import render_thumbnail

MEDIA = Path(__file__).resolve().parent.parent / "pictures"
PHOTOS = ("cafe.jpg", "bakery.jpg", "salon.jpg", "gym.jpg")
CLIP = "reel.webm"
#: deliverables with pictures per client: enough for every board column and the portal
PER_CLIENT = 8
#: and the work waiting for the client's review, which the portal opens on
IN_REVIEW = 12
WITH_FILES = (
    DeliverableStatus.IN_PROGRESS,
    DeliverableStatus.NEEDS_REVIEW,
    DeliverableStatus.READY_TO_POST,
    DeliverableStatus.DELIVERED,
)


class _Store:
    """Stores each source file's bytes and thumbnail once per attachment (each attachment
    owns its own keys: deleting one never takes another's bytes)."""

    def __init__(self) -> None:
        self.data = {name: (MEDIA / name).read_bytes() for name in (*PHOTOS, CLIP)}
        self.thumbs = {name: render_thumbnail(io.BytesIO(self.data[name])) for name in PHOTOS}

    def attachment(self, demo: Demo, deliverable: Deliverable, name: str, version: int):
        data = self.data[name]
        key = new_key()
        put(key, ContentFile(data))
        thumbnail_key = ""
        if name in self.thumbs:
            thumbnail_key = new_key("thumbnails", ".jpg")
            put(thumbnail_key, ContentFile(self.thumbs[name]))
        row = Attachment(
            deliverable_id=deliverable.id,
            key=key,
            thumbnail_key=thumbnail_key,
            name=f"{deliverable.title[:40]} v{version}{Path(name).suffix}",
            size=len(data),
            content_type="video/webm" if name == CLIP else "image/jpeg",
            sha256=hashlib.sha256(data).hexdigest(),
            version=version,
        )
        # ids from the deliverable's, not from the seeded generator: the other rows keep theirs
        row.id = uuid.uuid5(deliverable.id, f"file-{version}")
        row.created_at = row.updated_at = min(deliverable.status_changed_at or demo.now, demo.now)
        return row


def _files_of(demo: Demo, deliverable: Deliverable, n: int) -> list[str]:
    """The files of one deliverable, oldest version first."""
    if deliverable.deliverable_type == DeliverableType.REEL:
        return [CLIP]
    if deliverable.deliverable_type == DeliverableType.CAROUSEL:
        return [PHOTOS[(n + i) % len(PHOTOS)] for i in range(3)]
    first = PHOTOS[n % len(PHOTOS)]
    # every third photo has a second version (the re-edit after the client's review)
    return [first, PHOTOS[(n + 1) % len(PHOTOS)]] if n % 3 == 0 else [first]


def seed_media(demo: Demo, deliverables: list[Deliverable]) -> None:
    """Gives files to each client's most recently moved deliverables: up to ``IN_REVIEW``
    waiting for its review (what the portal opens on) and ``PER_CLIENT`` others in progress or
    done, so the pages people open first show pictures."""
    store = _Store()
    rows, counts = [], {}
    newest_first = sorted(deliverables, key=lambda d: (d.status_changed_at, d.title), reverse=True)
    for deliverable in newest_first:
        if deliverable.status not in WITH_FILES:
            continue
        in_review = deliverable.status == DeliverableStatus.NEEDS_REVIEW
        key = (deliverable.client_id, in_review)
        if counts.get(key, 0) >= (IN_REVIEW if in_review else PER_CLIENT):
            continue
        counts[key] = counts.get(key, 0) + 1
        n = counts[(deliverable.client_id, True)] if in_review else counts[key]
        for version, name in enumerate(_files_of(demo, deliverable, n), start=1):
            rows.append(store.attachment(demo, deliverable, name, version))
    demo.insert("files", Attachment, rows)
