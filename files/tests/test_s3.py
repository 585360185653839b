"""The cloud path, exercised: ``STORAGE_BACKEND=s3`` settings, then uploads and downloads
against an in-process S3 (moto): encrypted objects, downloads as short-lived signed URLs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests
from django.urls import reverse
from moto import mock_aws

from deliverables.tests.factories import make_deliverable
from files.models import Attachment
from files.tests.factories import PDF, jpeg_bytes, upload
from localbzz.testing import api_client

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
BUCKET = "localbzz-test-files"
S3_ENV = {
    "STORAGE_BACKEND": "s3",
    "AWS_STORAGE_BUCKET_NAME": BUCKET,
    "AWS_S3_REGION_NAME": "eu-west-1",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",  # noqa: S105 - moto's fake credentials
    "ATTACHMENT_URL_SECONDS": "120",
}


def _s3_settings() -> dict:
    """``STORAGES["default"]`` and the CSP as the real settings build them from S3_ENV."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps({'storage': settings.STORAGES['default'], "
        "'img': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], "
        "'seconds': settings.ATTACHMENT_URL_SECONDS}))"
    )
    env = {**os.environ, **S3_ENV, "DJANGO_SETTINGS_MODULE": "localbzz.settings"}
    out = subprocess.run(  # noqa: S603 - our own interpreter and a fixed program
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def s3_settings():
    return _s3_settings()


@pytest.fixture
def s3(settings, s3_settings):
    with mock_aws():
        client = boto3.client("s3", region_name="eu-west-1")
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        settings.STORAGES = {**settings.STORAGES, "default": s3_settings["storage"]}
        settings.ATTACHMENT_URL_SECONDS = s3_settings["seconds"]
        yield client


def test_s3_settings_encrypt_and_sign(s3_settings):
    options = s3_settings["storage"]["OPTIONS"]
    assert s3_settings["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert options["bucket_name"] == BUCKET
    assert options["object_parameters"] == {"ServerSideEncryption": "AES256"}
    assert options["querystring_auth"] is True
    assert options["querystring_expire"] == 120
    assert "https://*.amazonaws.com" in s3_settings["img"]


def test_upload_lands_encrypted_in_the_bucket_under_a_random_key(s3, team_user, client_a):
    url = reverse("api:deliverable-attachments", kwargs={"pk": make_deliverable(client_a).pk})
    data = jpeg_bytes()
    response = api_client(team_user).post(
        url, {"file": upload("menu.jpg", data)}, format="multipart"
    )
    assert response.status_code == 201, response.content
    attachment = Attachment.objects.get()
    head = s3.head_object(Bucket=BUCKET, Key=attachment.key)
    assert head["ServerSideEncryption"] == "AES256"
    assert head["ContentLength"] == len(data)
    assert s3.get_object(Bucket=BUCKET, Key=attachment.key)["Body"].read() == data


def test_download_is_a_redirect_to_a_signed_url_that_expires(s3, team_user, client_a):
    url = reverse("api:deliverable-attachments", kwargs={"pk": make_deliverable(client_a).pk})
    api = api_client(team_user)
    api.post(url, {"file": upload("Menü brief.pdf", PDF)}, format="multipart")
    attachment = Attachment.objects.get()
    response = api.get(reverse("api:attachment-download", args=[attachment.pk]))
    assert response.status_code == 302
    assert response["X-Content-Type-Options"] == "nosniff"
    signed = response["Location"]
    query = parse_qs(urlsplit(signed).query)
    assert query["X-Amz-Expires"] == ["120"]
    assert query["response-content-disposition"][0].startswith("attachment;")
    assert query["response-content-type"] == ["application/pdf"]
    fetched = requests.get(signed, timeout=5)  # answered by moto, in process
    assert fetched.status_code == 200
    assert fetched.content == PDF
    assert fetched.headers["Content-Disposition"].startswith("attachment;")


def test_other_clients_user_gets_404_not_a_signed_url(s3, team_user, client_a, client_b_user):
    url = reverse("api:deliverable-attachments", kwargs={"pk": make_deliverable(client_a).pk})
    api_client(team_user).post(url, {"file": upload("a.pdf", PDF)}, format="multipart")
    attachment = Attachment.objects.get()
    response = api_client(client_b_user).get(
        reverse("api:attachment-download", args=[attachment.pk])
    )
    assert response.status_code == 404


def test_deleting_removes_the_object_from_the_bucket(
    s3, team_user, client_a, django_capture_on_commit_callbacks
):
    url = reverse("api:deliverable-attachments", kwargs={"pk": make_deliverable(client_a).pk})
    api = api_client(team_user)
    api.post(url, {"file": upload("a.pdf", PDF)}, format="multipart")
    key = Attachment.objects.get().key
    with django_capture_on_commit_callbacks(execute=True):
        api.delete(reverse("api:attachment-detail", args=[Attachment.objects.get().pk]))
    assert s3.list_objects_v2(Bucket=BUCKET).get("KeyCount", 0) == 0
    assert key
