"""``STORAGE_BACKEND=gcs``, as far as it can be checked without Google: the settings build
django-storages' GCS backend from the environment, and downloads redirect to V4 signed URLs
signed locally with a (fake, generated) service-account key, verified against its public key.

Not exercised here: uploads to a bucket, reads, deletes and the orphan listing against GCS
(no in-process GCS fake; the S3 path is the one run against a fake, in ``test_s3.py``).
"""

from __future__ import annotations

import binascii
import hashlib
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.urls import reverse
from google.oauth2 import service_account

from deliverables.tests.factories import make_deliverable
from files.models import Attachment
from localbzz.testing import api_client

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "localbzz-test-gcs"
SA_EMAIL = "localbzz-files@localbzz-test.iam.gserviceaccount.com"


@pytest.fixture(scope="module")
def key_pair():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def key_file(tmp_path_factory, key_pair):
    """A service-account key file as Google issues them, for a made-up account."""
    pem = key_pair.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    info = {
        "type": "service_account",
        "project_id": "localbzz-test",
        "private_key_id": "0123456789abcdef",
        "private_key": pem,
        "client_email": SA_EMAIL,
        "client_id": "1234567890",
        "token_uri": "https://oauth2.googleapis.com/token",
    }
    path = tmp_path_factory.mktemp("gcs") / "key.json"
    path.write_text(json.dumps(info))
    return path


def _gcs_settings(key_file: Path) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "from django.core.files.storage import storages; s = storages['default']; "
        "o = settings.STORAGES['default']['OPTIONS']; "
        "print(json.dumps({'backend': settings.STORAGES['default']['BACKEND'], "
        "'bucket': s.bucket_name, 'acl': s.default_acl, 'auth': s.querystring_auth, "
        "'expiration': s.expiration.total_seconds(), "
        "'email': o['credentials'].service_account_email, "
        "'img': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], "
        "'media': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['media-src']}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "localbzz.settings",
        "STORAGE_BACKEND": "gcs",
        "GS_BUCKET_NAME": BUCKET,
        "GS_PROJECT_ID": "localbzz-test",
        "GS_CREDENTIALS_FILE": str(key_file),
        "ATTACHMENT_URL_SECONDS": "120",
    }
    out = subprocess.run(  # noqa: S603 - our own interpreter and a fixed program
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_settings_build_the_gcs_backend_from_the_environment(key_file):
    built = _gcs_settings(key_file)
    assert built["backend"] == "storages.backends.gcloud.GoogleCloudStorage"
    assert built["bucket"] == BUCKET
    assert built["acl"] is None  # private: read through signed URLs only
    assert built["auth"] is True
    assert built["expiration"] == 120
    assert built["email"] == SA_EMAIL
    assert "https://storage.googleapis.com" in built["img"]
    assert built["media"] == ["'self'", "https://storage.googleapis.com"]


@pytest.fixture
def gcs(settings, key_file):
    credentials = service_account.Credentials.from_service_account_file(str(key_file))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.gcloud.GoogleCloudStorage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "project_id": "localbzz-test",
                "credentials": credentials,
                "default_acl": None,
                "querystring_auth": True,
            },
        },
    }
    settings.ATTACHMENT_URL_SECONDS = 240
    return credentials


def _verify_v4(url: str, public_key) -> dict:
    """Checks a V4 signed URL's signature as Google would; its query parameters."""
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    signature = binascii.unhexlify(query.pop("X-Goog-Signature"))
    canonical_query = "&".join(
        f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in sorted(query.items())
    )
    canonical_request = "\n".join(
        [
            "GET",
            parts.path,
            canonical_query,
            f"host:{parts.netloc}\n",
            query["X-Goog-SignedHeaders"],
            "UNSIGNED-PAYLOAD",
        ]
    )
    scope = query["X-Goog-Credential"].split("/", 1)[1]
    string_to_sign = "\n".join(
        [
            "GOOG4-RSA-SHA256",
            query["X-Goog-Date"],
            scope,
            hashlib.sha256(canonical_request.encode()).hexdigest(),
        ]
    )
    public_key.verify(signature, string_to_sign.encode(), padding.PKCS1v15(), hashes.SHA256())
    return query


@pytest.mark.django_db
def test_download_redirects_to_a_v4_url_signed_with_the_service_account_key(
    gcs, key_pair, team_user, client_a, client_b_user
):
    attachment = Attachment.objects.create(  # the row as an upload leaves it (no bucket here)
        deliverable=make_deliverable(client_a),
        key="attachments/0b7c2f1e-6a55-4f0e-9d7e-1f2a3b4c5d6e",
        name="menu photo.jpg",
        size=1234,
        content_type="image/jpeg",
        sha256="0" * 64,
    )
    response = api_client(team_user).get(reverse("api:attachment-download", args=[attachment.pk]))
    assert response.status_code == 302
    url = response["Location"]
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == ("https", "storage.googleapis.com")
    assert parts.path == f"/{BUCKET}/{attachment.key}"
    query = _verify_v4(url, key_pair.public_key())
    assert query["X-Goog-Algorithm"] == "GOOG4-RSA-SHA256"
    assert query["X-Goog-Credential"].startswith(f"{SA_EMAIL}/")
    assert query["X-Goog-Expires"] == "240"  # ATTACHMENT_URL_SECONDS
    signed_at = datetime.strptime(query["X-Goog-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - signed_at).total_seconds()) < 60
    assert query["response-content-disposition"].startswith('attachment; filename="menu photo')
    assert query["response-content-type"] == "image/jpeg"
    preview = api_client(team_user).get(reverse("api:attachment-preview", args=[attachment.pk]))
    shown = parse_qs(urlsplit(preview["Location"]).query)["response-content-disposition"]
    assert shown[0].startswith("inline;")
    # the access check comes first: another client's user gets no URL at all
    other = api_client(client_b_user).get(reverse("api:attachment-download", args=[attachment.pk]))
    assert other.status_code == 404
    assert "Location" not in other
