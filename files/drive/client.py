"""The Drive API client (google-api-python-client + google-auth) and its error classes.

Every request runs with ``num_retries``: the client library retries 5xx, 429 and quota 403s
itself with exponential backoff; what still fails is a ``DriveTemporaryError`` (the job
retries later, with backoff) or, for a refused credential, a ``DriveAuthError`` (reported to
the admins, no retry). Tests replace ``build_service`` with one on ``HttpMockSequence``.
"""

from __future__ import annotations

from django.conf import settings
from google.auth.exceptions import GoogleAuthError, RefreshError, TransportError
from google.oauth2 import service_account
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError

SCOPES = ("https://www.googleapis.com/auth/drive",)
FOLDER_MIME = "application/vnd.google-apps.folder"
#: in-request retries (the library's exponential backoff) before a job-level retry
RETRIES = 4


class DriveError(Exception):
    """A Drive request that failed for good (bad id, no access to that file...)."""


class DriveTemporaryError(DriveError):
    """Google answered 5xx / 429 / a quota error after the retries, or did not answer."""


class DriveAuthError(DriveError):
    """The service account's credential was refused (revoked key, deleted account)."""


class DriveNotConnected(DriveError):
    """The settings name no service account or no root folder."""


def connected() -> bool:
    return bool(settings.GOOGLE_SERVICE_ACCOUNT_FILE and settings.GOOGLE_DRIVE_ROOT_FOLDER_ID)


def build_service():
    """A Drive v3 client authorised as the service account (static discovery: no fetch)."""
    credentials = service_account.Credentials.from_service_account_file(
        settings.GOOGLE_SERVICE_ACCOUNT_FILE, scopes=SCOPES
    )
    return build("drive", "v3", credentials=credentials, cache_discovery=False)


def service():
    if not connected():
        raise DriveNotConnected("Google Drive is not connected.")
    try:
        return build_service()
    except (OSError, ValueError) as exc:  # unreadable or malformed key file
        raise DriveAuthError(f"The service account file cannot be used: {exc}") from None


def run(request):
    """Executes one API request with retries, translating failures into the classes above."""
    try:
        return request.execute(num_retries=RETRIES)
    except HttpError as exc:
        status = int(getattr(exc.resp, "status", 0) or 0)
        if status == 401:
            raise DriveAuthError(_reason(exc)) from exc
        if status in (403, 429) and _is_quota(exc):
            raise DriveTemporaryError(_reason(exc)) from exc
        if status >= 500 or status == 429:
            raise DriveTemporaryError(_reason(exc)) from exc
        raise DriveError(_reason(exc)) from exc
    except RefreshError as exc:
        raise DriveAuthError(str(exc)) from exc
    except (TransportError, TimeoutError, ConnectionError) as exc:
        raise DriveTemporaryError(str(exc)) from exc
    except GoogleAuthError as exc:
        raise DriveAuthError(str(exc)) from exc


def _reason(exc: HttpError) -> str:
    return f"Google Drive answered {getattr(exc.resp, 'status', '?')}: {exc.reason or ''}".strip()


def _is_quota(exc: HttpError) -> bool:
    text = (exc.content or b"").decode("utf-8", "replace")
    return any(word in text for word in ("rateLimitExceeded", "userRateLimitExceeded", "quota"))
