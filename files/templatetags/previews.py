"""``{% file_preview deliverable %}``: the picture of a deliverable's current version on its
staff page and on the client's review page: the image, a ``<video>``, or a carousel's
slides, with the version number being reviewed."""

from __future__ import annotations

from django import template

from files.owners import may_view
from files.selectors import owner_attachments
from files.sniffing import INLINE_TYPES, PILLOW_TYPES

register = template.Library()
#: a carousel shows at most this many slides (Instagram's limit is 20)
MAX_SLIDES = 20


def preview_of(deliverable, files: list) -> dict:
    """What to draw for ``files`` (newest version first): ``kind`` is ``image``, ``video``,
    ``carousel``, ``file`` (no inline preview) or ``""`` (no file yet). A carousel's slides
    are its images in upload order; its current version is the newest of them."""
    if not files:
        return {"kind": ""}
    current = files[0]
    images = [f for f in files if f.content_type in PILLOW_TYPES]
    if deliverable.deliverable_type == "Carousel" and len(images) > 1:
        slides = list(reversed(images[:MAX_SLIDES]))
        return {"kind": "carousel", "current": images[0], "slides": slides}
    if current.content_type in PILLOW_TYPES:
        return {"kind": "image", "current": current}
    if current.content_type in INLINE_TYPES:
        return {"kind": "video", "current": current}
    return {"kind": "file", "current": current}


@register.inclusion_tag("files/_preview.html", takes_context=True)
def file_preview(context, deliverable, heading: str = "Preview"):
    user = context["request"].user
    if deliverable is None or not may_view(user, deliverable):
        return {"hidden": True}
    files = list(owner_attachments(deliverable).order_by("-version")[: MAX_SLIDES + 1])
    return {
        "deliverable": deliverable,
        "heading": heading,
        "versions": len(files),
        "request": context["request"],
        **preview_of(deliverable, files),
    }
