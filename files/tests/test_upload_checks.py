"""Bad uploads: a corpus of hostile or broken files, every one a 4xx with nothing stored.

Also the name cleaning and the size limit, streamed (a temporary file, stopped past the limit).
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse
from PIL import Image

from deliverables.tests.factories import make_deliverable
from files.models import Attachment
from files.sniffing import UploadRejected, clean_name
from files.tests.factories import (
    MP4,
    PDF,
    TEXT,
    jpeg_bytes,
    multipart,
    png_bytes,
    stored_keys,
    upload,
)
from localbzz.testing import api_client

pytestmark = pytest.mark.django_db

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
PHP = b"<?php system($_GET['c']); ?>"


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return out.getvalue()


def _bomb() -> bytes:
    """A tiny PNG that decodes to 20,000 x 20,000 pixels."""
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, "PNG", optimize=True)
    return out.getvalue()


def _gif_js_polyglot() -> bytes:
    """A GIF header that is also JavaScript (the classic GIFAR/"GIF89a=..." trick)."""
    return b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=1;alert(document.domain);//" + b"\x00" * 32


CORPUS = [
    # (id, name, bytes, status)
    ("empty", "photo.jpg", b"", 400),
    ("html named jpg", "photo.jpg", HTML, 415),
    ("jpeg named png", "photo.png", jpeg_bytes(), 415),
    ("text named gif", "anim.gif", TEXT, 415),
    ("png named webp", "pic.webp", png_bytes(), 415),
    ("elf named mp4", "reel.mp4", ELF, 415),
    ("zip named mov", "clip.mov", _zip(), 415),
    ("elf named pdf", "invoice.pdf", ELF, 415),
    ("pdf named docx", "brief.docx", PDF, 415),
    ("mp4 named webm", "reel.webm", MP4, 415),
    ("pdf named mp3", "song.mp3", PDF, 415),
    ("html named txt", "notes.txt", HTML, 415),
    ("binary named csv", "rows.csv", ELF, 415),
    ("double extension exe", "reel.mp4.exe", EXE, 415),
    ("double extension html", "photo.jpg.html", HTML, 415),
    ("php behind jpg", "shell.php.jpg", PHP, 415),
    ("traversal to passwd", "../../../etc/passwd", TEXT, 415),
    ("windows traversal exe", "..\\..\\Windows\\System32\\evil.exe", EXE, 415),
    ("traversal only", "../..", jpeg_bytes(), 400),
    ("nul hides exe", "photo.jpg\x00.exe", EXE, 415),
    ("256-byte name", "a" * 252 + ".jpg", jpeg_bytes(), 400),
    ("multibyte 255+ name", "é" * 130 + ".jpg", jpeg_bytes(), 400),
    ("svg with script", "logo.svg", SVG, 415),
    ("svg named png", "logo.png", SVG, 415),
    ("jpeg + html polyglot", "photo.jpg", jpeg_bytes() + HTML, 415),
    ("pdf with javascript", "menu.pdf", PDF + b"<< /S /JavaScript /JS (app.alert(1)) >>", 415),
    ("gif/js polyglot", "anim.gif", _gif_js_polyglot(), 415),
    ("truncated jpeg", "photo.jpg", jpeg_bytes()[:40], 415),
    ("decompression bomb", "bomb.png", _bomb(), 413),
]


@pytest.mark.parametrize(
    ("name", "data", "status"), [c[1:] for c in CORPUS], ids=[c[0] for c in CORPUS]
)
def test_bad_upload_is_refused_and_nothing_is_stored(team_user, client_a, name, data, status):
    url = reverse("api:deliverable-attachments", kwargs={"pk": make_deliverable(client_a).pk})
    before = stored_keys()
    body, content_type = multipart(name, data)
    response = api_client(team_user).generic("POST", url, body, content_type=content_type)
    assert response.status_code == status, response.content
    assert set(response.json()["error"]) == {"code", "message", "details", "request_id"}
    assert not Attachment.objects.exists()
    assert stored_keys() == before


def test_corpus_has_at_least_fifteen_bad_files():
    assert len(CORPUS) >= 15


def test_oversize_upload_is_413_and_stops_streaming(team_user, client_a, settings):
    settings.MAX_ATTACHMENT_SIZE = 64 * 1024
    url = reverse("api:deliverable-attachments", kwargs={"pk": make_deliverable(client_a).pk})
    data = jpeg_bytes() + b"\x00" * (65 * 1024)
    before = stored_keys()
    response = api_client(team_user).post(
        url, {"file": upload("big.jpg", data)}, format="multipart"
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert not Attachment.objects.exists()
    assert stored_keys() == before


def test_declared_body_over_the_limit_is_413_before_reading(team_user, client_a, settings):
    settings.MAX_ATTACHMENT_SIZE = 1024
    url = reverse("api:deliverable-attachments", kwargs={"pk": make_deliverable(client_a).pk})
    response = api_client(team_user).generic(
        "POST",
        url,
        b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(10 * 1024 * 1024),
    )
    assert response.status_code == 413


def test_traversal_in_a_name_leaves_only_the_file_name(team_user, client_a):
    url = reverse("api:deliverable-attachments", kwargs={"pk": make_deliverable(client_a).pk})
    api = api_client(team_user)
    response = api.post(
        url, {"file": upload("../../media/evil.jpg", jpeg_bytes())}, format="multipart"
    )
    assert response.status_code == 201
    attachment = Attachment.objects.get()
    assert attachment.name == "evil.jpg"
    assert attachment.key.startswith("attachments/")
    assert ".." not in attachment.key


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/photo.jpg", "photo.jpg"),
        ("C:\\Users\\me\\reel.mp4", "reel.mp4"),
        ("bad\x00name\x1f.pdf", "badname.pdf"),
        ("evil\u202egpj.exe", "evilgpj.exe"),  # right-to-left override removed
        ("  spaced name.png  ", "spaced name.png"),
    ],
)
def test_clean_name(raw, clean):
    assert clean_name(raw) == clean


@pytest.mark.parametrize("raw", ["", "..", "/", "\x00\x01", "a" * 256])
def test_clean_name_refuses_nothing_or_too_long(raw):
    with pytest.raises(UploadRejected) as info:
        clean_name(raw)
    assert info.value.status == 400


def test_a_255_byte_name_is_kept():
    name = "a" * 251 + ".jpg"
    assert clean_name(name) == name
