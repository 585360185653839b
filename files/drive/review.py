"""Optional (``GOOGLE_DRIVE_AUTO_REVIEW``, off by default): a file that appears in a shoot's
Drive folder named after one of the shoot's deliverables ("Croissant reel.mp4" for "Croissant
reel") gives that deliverable its file link and moves it to Needs Review."""

from __future__ import annotations

from deliverables.models import Deliverable, DeliverableStatus
from deliverables.services import deliverable_update

#: statuses a matching file moves on (work not yet handed to the client)
BEFORE_REVIEW = (DeliverableStatus.TO_DO, DeliverableStatus.IN_PROGRESS)


def _stem(name: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return " ".join(stem.replace("_", " ").split()).casefold()


def review_matching(shoot_id, files: list[dict]) -> list[Deliverable]:
    """Moves the shoot's deliverables whose title a file name matches; the ones moved."""
    by_stem = {_stem(f["name"]): f for f in files if f.get("name")}
    moved = []
    waiting = Deliverable.objects.filter(shoot_id=shoot_id, status__in=BEFORE_REVIEW)
    for deliverable in waiting:
        match = by_stem.get(_stem(deliverable.title))
        if match is None:
            continue
        deliverable_update(
            deliverable=deliverable,
            actor=None,
            status=DeliverableStatus.NEEDS_REVIEW,
            file_link=match["link"],
        )
        moved.append(deliverable)
    return moved
