"""Files: attachment storage (local, S3 or GCS), upload limits, Google Drive (DESIGN.md §6)."""

from urllib.parse import urlsplit

from .integrations import *  # noqa: F403
from .security import *  # noqa: F403

# --- Files ---------------------------------------------------------------------------------
# The largest attachment (a reel is hundreds of MB): uploads stream to a temporary file and
# stop past this size (413).
MAX_ATTACHMENT_SIZE = env.int("MAX_ATTACHMENT_SIZE", default=500 * 1024 * 1024)
# Images with more pixels are refused (decompression bombs) and never thumbnailed.
ATTACHMENT_MAX_IMAGE_PIXELS = env.int("ATTACHMENT_MAX_IMAGE_PIXELS", default=80_000_000)
# Lifetime of the signed URLs a cloud download redirects to.
ATTACHMENT_URL_SECONDS = env.int("ATTACHMENT_URL_SECONDS", default=300)
FILE_UPLOAD_TEMP_DIR = env.str("FILE_UPLOAD_TEMP_DIR", default="") or None
if STORAGE_BACKEND == "s3":
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "endpoint_url": AWS_S3_ENDPOINT_URL,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "default_acl": None,  # the bucket's own (private): objects are read via signed URLs
            "querystring_auth": True,
            "querystring_expire": ATTACHMENT_URL_SECONDS,
            "file_overwrite": True,  # keys are random UUIDs: no existence check per upload
            "signature_version": "s3v4",
            "object_parameters": {
                "ServerSideEncryption": env.str("AWS_S3_SERVER_SIDE_ENCRYPTION", default="AES256")
            },
        },
    }
    if AWS_S3_ENDPOINT_URL:  # previews redirect to the bucket's host: the pages may load it
        _origin = "{0.scheme}://{0.netloc}".format(urlsplit(AWS_S3_ENDPOINT_URL))
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_origin)
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["media-src"] = ["'self'", _origin]
    else:
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append("https://*.amazonaws.com")
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["media-src"] = ["'self'", "https://*.amazonaws.com"]

if STORAGE_BACKEND == "gcs":
    # Google Cloud Storage through django-storages: a private bucket (uniform access), read
    # through V4 signed URLs signed with the service account's key (GS_CREDENTIALS_FILE), or,
    # without a key file (Workload Identity), through the IAM signBlob API (GS_IAM_SIGN_BLOB).
    from datetime import timedelta

    from google.oauth2 import service_account

    GS_CREDENTIALS_FILE = env.str("GS_CREDENTIALS_FILE", default="")
    GS_CUSTOM_ENDPOINT = env.str("GS_CUSTOM_ENDPOINT", default="") or None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.gcloud.GoogleCloudStorage",
        "OPTIONS": {
            "bucket_name": env.str("GS_BUCKET_NAME"),
            "project_id": env.str("GS_PROJECT_ID", default="") or None,
            "credentials": service_account.Credentials.from_service_account_file(
                GS_CREDENTIALS_FILE
            )
            if GS_CREDENTIALS_FILE
            else None,
            "custom_endpoint": GS_CUSTOM_ENDPOINT,
            "default_acl": None,  # the bucket's own (private): objects are read via signed URLs
            "querystring_auth": True,
            "expiration": timedelta(seconds=ATTACHMENT_URL_SECONDS),
            "file_overwrite": True,  # keys are random UUIDs: no existence check per upload
            "iam_sign_blob": env.bool("GS_IAM_SIGN_BLOB", default=False),
        },
    }
    _origin = "{0.scheme}://{0.netloc}".format(
        urlsplit(GS_CUSTOM_ENDPOINT or "https://storage.googleapis.com")
    )
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_origin)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["media-src"] = ["'self'", _origin]

# --- Google Drive (optional: both set, or Drive is "not connected") -----------------------
GOOGLE_DRIVE_ROOT_FOLDER_ID = env.str("GOOGLE_DRIVE_ROOT_FOLDER_ID", default="")
# Seconds a shoot folder's listing is cached.
GOOGLE_DRIVE_LIST_CACHE_SECONDS = env.int("GOOGLE_DRIVE_LIST_CACHE_SECONDS", default=60)
# How often the Drive sync job keeps recent and coming shoots' folders and listings fresh.
GOOGLE_DRIVE_SYNC_SECONDS = env.float("GOOGLE_DRIVE_SYNC_SECONDS", default=900.0)
CELERY_BEAT_SCHEDULE["files-drive-sync"] = {
    "task": "files.jobs.drive_sync",
    "schedule": GOOGLE_DRIVE_SYNC_SECONDS,
}
# Weekly: stored objects no attachment names are reported and removed (files.cleanup).
CELERY_BEAT_SCHEDULE["files-remove-orphans"] = {
    "task": "files.jobs.remove_orphaned_files",
    "schedule": 7 * 24 * 3600.0,
}
# A file added to a shoot's folder and named like one of its deliverables (To Do / In
# Progress) becomes that deliverable's file link and moves it to Needs Review (sync job).
GOOGLE_DRIVE_AUTO_REVIEW = env.bool("GOOGLE_DRIVE_AUTO_REVIEW", default=False)
