"""Files at rest (DESIGN §9): S3 objects are written with server-side encryption, and local
media live outside the web root, reachable only through the permission-checked download."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import Resolver404, get_resolver, resolve

from deliverables.tests.factories import make_deliverable
from files.models import Attachment
from files.storage import storage
from files.tests.factories import jpeg_bytes, upload
from localbzz.testing import api_client

ROOT = Path(__file__).resolve().parents[1]
S3_ENV = {
    "STORAGE_BACKEND": "s3",
    "AWS_STORAGE_BUCKET_NAME": "localbzz-check",
    "AWS_S3_REGION_NAME": "eu-west-1",
}


def _settings_with(env: dict, names: str) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({{n: str(getattr(s, n)) if n.endswith('ROOT') else getattr(s, n) "
        f"for n in {names.split()!r}}}, default=str))"
    )
    run_env = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": "localbzz.settings"}
    out = subprocess.run(  # noqa: S603 - our own interpreter and a fixed program
        [sys.executable, "-c", code], env=run_env, cwd=ROOT, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_s3_storage_writes_every_object_with_server_side_encryption():
    storage = _settings_with(S3_ENV, "STORAGES")["STORAGES"]["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["object_parameters"]["ServerSideEncryption"] in {"AES256", "aws:kms"}
    assert storage["OPTIONS"]["default_acl"] is None  # the bucket's own: private
    assert storage["OPTIONS"]["querystring_auth"] is True  # reads by short-lived signed URLs


def _inside(child: Path, parent: Path) -> bool:
    child, parent = child.resolve(), parent.resolve()
    return child == parent or parent in child.parents


def test_local_media_live_outside_the_web_root():
    media = Path(settings.MEDIA_ROOT)
    web_roots = [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]
    if getattr(settings, "WHITENOISE_ROOT", None):
        web_roots.append(Path(settings.WHITENOISE_ROOT))
    for root in web_roots:
        assert not _inside(media, root), f"MEDIA_ROOT {media} is under {root}"
        assert not _inside(root, media), f"{root} is under MEDIA_ROOT {media}"
    # the production settings agree (MEDIA_ROOT from the environment or the default)
    prod = _settings_with({"DJANGO_ENV": "production", "SECRET_KEY": "x" * 50,
                           "ALLOWED_HOSTS": "localbzz.example", "FIELD_ENCRYPTION_KEYS":
                           "ZmVybmV0LWtleS1mb3ItdGhlLWNoZWNrLW9ubHktMDA=",
                           "FIELD_HASH_KEY": "check"}, "MEDIA_ROOT STATIC_ROOT")  # fmt: skip
    assert not _inside(Path(prod["MEDIA_ROOT"]), Path(prod["STATIC_ROOT"]))


def test_no_url_pattern_serves_media_and_no_proxy_location_does():
    for probe in (f"{settings.MEDIA_URL}x.jpg", f"{settings.MEDIA_URL}attachments/a/b.pdf"):
        with pytest.raises(Resolver404):
            resolve(probe)
    patterns = [str(p.pattern) for p in get_resolver().url_patterns]
    assert not any("media" in p for p in patterns), patterns
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert not re.search(r"location\s+[^{]*media", nginx)
    assert not re.search(r"^\s*(alias|root)\s+[^;]*media", nginx, re.MULTILINE)


@pytest.mark.django_db
def test_a_stored_file_is_only_reachable_through_the_checked_download(
    team_user, client_a, client_b_user, client, settings, tmp_path
):
    # the tests' default storage is in memory: here, the real local storage under MEDIA_ROOT
    settings.MEDIA_ROOT = tmp_path / "media"
    local = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    settings.STORAGES = {**settings.STORAGES, "default": local}
    deliverable = make_deliverable(client_a)
    data = jpeg_bytes()
    created = api_client(team_user).post(
        f"/api/deliverables/{deliverable.pk}/attachments",
        {"file": upload("menu.jpg", data)},
        format="multipart",
    )
    assert created.status_code == 201, created.content
    attachment = Attachment.objects.get()
    stored = Path(storage().path(attachment.key))
    assert _inside(stored, Path(settings.MEDIA_ROOT))
    assert stored.read_bytes() == data
    assert client.get(f"{settings.MEDIA_URL}{attachment.key}").status_code == 404
    assert client.get(f"/static/../media/{attachment.key}").status_code == 404
    url = f"/api/attachments/{attachment.pk}/download"
    assert api_client(client_b_user).get(url).status_code == 404
    response = api_client(team_user).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
