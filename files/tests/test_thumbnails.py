"""Thumbnails: a Celery job after commit, upright by EXIF, never for a decompression bomb."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from deliverables.tests.factories import make_deliverable
from files.models import Attachment
from files.storage import put, storage
from files.tests.factories import PDF, image_bytes, make_attachment
from files.thumbnails import generate_thumbnail
from localbzz.testing import api_client

pytestmark = pytest.mark.django_db


def _exif_rotated() -> bytes:
    """A landscape 80 x 40 JPEG whose EXIF says: turn 90 degrees to show it (orientation 6)."""
    exif = Image.Exif()
    exif[0x0112] = 6
    return image_bytes("JPEG", size=(80, 40), exif=exif)


def test_an_uploaded_image_gets_an_upright_thumbnail_after_commit(
    client_a, team_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        attachment = make_attachment(make_deliverable(client_a), data=_exif_rotated())
    attachment.refresh_from_db()
    assert attachment.thumbnail_key.startswith("thumbnails/")
    with storage().open(attachment.thumbnail_key, "rb") as fh:
        thumb = Image.open(io.BytesIO(fh.read()))
    assert thumb.format == "JPEG"
    assert thumb.size == (40, 80)  # portrait, as the camera was held
    response = api_client(team_user).get(reverse("api:attachment-thumbnail", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline;")
    body = api_client(team_user).get(reverse("api:attachment-detail", args=[attachment.pk])).json()
    assert body["thumbnail_url"].endswith(f"/api/attachments/{attachment.pk}/thumbnail")


def test_large_images_shrink_to_480_pixels(client_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        attachment = make_attachment(
            make_deliverable(client_a), data=image_bytes("PNG", size=(1200, 600)), name="w.png"
        )
    attachment.refresh_from_db()
    with storage().open(attachment.thumbnail_key, "rb") as fh:
        assert Image.open(io.BytesIO(fh.read())).size == (480, 240)


def test_no_thumbnail_for_a_pdf(client_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        attachment = make_attachment(make_deliverable(client_a), data=PDF, name="a.pdf")
    assert generate_thumbnail(attachment.pk) == ""
    assert not Attachment.objects.get().thumbnail_key
    assert len(callbacks) == 1  # the event's dispatch only: no thumbnail job was queued


def test_a_bomb_that_reached_storage_gets_no_thumbnail(client_a, settings):
    attachment = make_attachment(make_deliverable(client_a), data=image_bytes("PNG"), name="p.png")
    out = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(out, "PNG", optimize=True)
    storage().delete(attachment.key)
    put(attachment.key, ContentFile(out.getvalue()))
    settings.ATTACHMENT_MAX_IMAGE_PIXELS = 10_000_000
    assert generate_thumbnail(attachment.pk) == ""
    attachment.refresh_from_db()
    assert attachment.thumbnail_key == ""


def test_thumbnail_job_is_idempotent(client_a):
    attachment = make_attachment(make_deliverable(client_a))
    first = generate_thumbnail(attachment.pk)
    assert first
    assert generate_thumbnail(attachment.pk) == first


def test_preview_is_inline_for_images_and_404_for_other_kinds(client_a, team_user):
    deliverable = make_deliverable(client_a)
    image = make_attachment(deliverable)
    pdf = make_attachment(deliverable, data=PDF, name="a.pdf")
    api = api_client(team_user)
    response = api.get(reverse("api:attachment-preview", args=[image.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert api.get(reverse("api:attachment-preview", args=[pdf.pk])).status_code == 404
