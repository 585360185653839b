"""Celery jobs of the files app: thin wrappers that load by id and do one thing."""

from __future__ import annotations

from celery import shared_task

from .thumbnails import generate_thumbnail


@shared_task(acks_late=True, ignore_result=True)
def make_thumbnail(attachment_id: str) -> str:
    """Renders the thumbnail of an image attachment."""
    return generate_thumbnail(attachment_id)
