"""Google Drive against recorded API responses (``HttpMockSequence``), never the network:
folders made and moved, listings, retries on 5xx and quota errors, a revoked credential
reported to the admins, a deliverable's file link from its shoot's folder."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from google.auth.exceptions import RefreshError
from googleapiclient.discovery import build
from googleapiclient.http import HttpMockSequence

from deliverables.tests.factories import make_deliverable
from files.drive import client as drive_client
from files.drive.client import DriveAuthError, DriveTemporaryError, run
from files.drive.folders import folder_path, sync_shoot_folder
from files.jobs import drive_folder_step, drive_sync
from files.models import DriveFolder
from files.tests.factories import make_drive_folder
from localbzz.testing import api_client
from shoots.services import shoot_create, shoot_update
from shoots.tests.factories import make_shoot

pytestmark = pytest.mark.django_db
ROOT = "0AROOTfolder-shared-drive"
FOLDER_LINK = "https://drive.google.com/drive/folders/{}"


class Recorder(HttpMockSequence):
    """``HttpMockSequence`` that keeps each request (method, path, query, body)."""

    def __init__(self, responses):
        super().__init__(responses)
        self.calls = []

    def request(self, uri, method="GET", body=None, headers=None, *args, **kwargs):
        parts = urlsplit(uri)
        self.calls.append(
            {
                "method": method,
                "path": parts.path,
                "query": {k: v[0] for k, v in parse_qs(parts.query).items()},
                "body": json.loads(body) if body else None,
            }
        )
        return super().request(uri, method, body, headers, *args, **kwargs)


def ok(payload) -> tuple:
    return ({"status": "200"}, json.dumps(payload))


def folder(folder_id: str) -> dict:
    return {"id": folder_id, "name": "x", "webViewLink": FOLDER_LINK.format(folder_id)}


@pytest.fixture
def drive(settings, monkeypatch):
    """Drive connected; ``drive.respond([...])`` sets the recorded answers."""
    settings.GOOGLE_SERVICE_ACCOUNT_FILE = "/secrets/localbzz-drive.json"
    settings.GOOGLE_DRIVE_ROOT_FOLDER_ID = ROOT
    monkeypatch.setattr("googleapiclient.http.time.sleep", lambda seconds: None)
    # a cache of this test's own: clearing a shared Redis would wipe other workers' counters
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"drive-{uuid.uuid4().hex}",
        }
    }

    class Drive:
        http = Recorder([])

        def respond(self, responses):
            self.http = Recorder(responses)
            return self.http

    fake = Drive()
    monkeypatch.setattr(drive_client, "build_service", lambda: build("drive", "v3", http=fake.http))
    return fake


def _shoot(client, **kw):
    start = timezone.make_aware(datetime(2026, 3, 14, 10, 0))
    return make_shoot(client, shoot_start=start, location="Main St 1", **kw)


def test_new_shoot_gets_its_folder_by_a_job_after_commit(
    drive, client_a, django_capture_on_commit_callbacks
):
    http = drive.respond(
        [
            ok({"files": []}),  # Acme Bakery? no
            ok(folder("1ClientFolderAcme")),  # created
            ok({"files": [folder("1YearFolder2026")]}),  # 2026 exists already
            ok({"files": []}),  # the shoot's folder? no
            ok(folder("1ShootFolderMarch14")),  # created
        ]
    )
    start = timezone.make_aware(datetime(2026, 3, 14, 10, 0))
    with django_capture_on_commit_callbacks(execute=True):
        shoot = shoot_create(
            client=client_a, shoot_start=start, duration=timedelta(hours=2), location="Main St 1"
        )
    record = DriveFolder.objects.get(shoot=shoot)
    assert record.folder_id == "1ShootFolderMarch14"
    assert record.parent_id == "1YearFolder2026"
    assert record.path == "Acme Bakery/2026/2026-03-14 Main St 1"
    shoot.refresh_from_db()
    assert shoot.drive_folder_link == FOLDER_LINK.format("1ShootFolderMarch14")
    creates = [c for c in http.calls if c["method"] == "POST"]
    assert [c["body"]["name"] for c in creates] == ["Acme Bakery", "2026-03-14 Main St 1"]
    assert creates[0]["body"]["parents"] == [ROOT]
    assert creates[1]["body"]["parents"] == ["1YearFolder2026"]
    assert all(c["query"]["supportsAllDrives"] == "true" for c in http.calls)  # shared drives
    assert "name = 'Acme Bakery'" in http.calls[0]["query"]["q"]


def test_no_job_and_no_call_without_the_drive_settings(
    client_a, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(drive_client, "build_service", pytest.fail)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _shoot(client_a)
    assert len(callbacks) == 0  # make_shoot saves directly: no event, and no Drive job
    assert not DriveFolder.objects.exists()


def test_renamed_shoot_renames_and_moves_its_folder(drive, client_a):
    shoot = _shoot(client_a)
    make_drive_folder(
        shoot,
        "1ShootFolderMarch14",
        parent_id="1YearFolder2026",
        path="Acme Bakery/2026/2026-03-14 Main St 1",
    )
    shoot.shoot_start = timezone.make_aware(datetime(2027, 1, 5, 9, 0))
    shoot.location = "Harbour"
    shoot.save()
    http = drive.respond(
        [
            ok({"files": [folder("1ClientFolderAcme")]}),
            ok({"files": []}),
            ok(folder("1YearFolder2027")),
            ok(folder("1ShootFolderMarch14")),
        ]
    )
    record = sync_shoot_folder(shoot.pk)
    update = http.calls[-1]
    assert update["method"] == "PATCH"
    assert update["body"] == {"name": "2027-01-05 Harbour"}
    assert update["query"]["addParents"] == "1YearFolder2027"
    assert update["query"]["removeParents"] == "1YearFolder2026"
    assert record.path == "Acme Bakery/2027/2027-01-05 Harbour"
    assert record.parent_id == "1YearFolder2027"
    drive.respond([])  # in step now: no call at all
    assert sync_shoot_folder(shoot.pk).path == record.path


def test_5xx_and_quota_errors_are_retried_then_succeed(drive, client_a):
    quota = json.dumps(
        {"error": {"code": 403, "errors": [{"reason": "userRateLimitExceeded"}], "message": "q"}}
    )
    shoot = _shoot(client_a)
    drive.respond(
        [
            ({"status": "503"}, "backend error"),
            ({"status": "403"}, quota),
            ({"status": "429"}, "slow down"),
            ok({"files": [folder("1ClientFolderAcme")]}),
            ok({"files": [folder("1YearFolder2026")]}),
            ok({"files": [folder("1ShootFolderMarch14")]}),
        ]
    )
    assert drive_folder_step(str(shoot.pk)) == "ok"
    assert DriveFolder.objects.get(shoot=shoot).folder_id == "1ShootFolderMarch14"


def test_google_down_past_the_retries_is_a_job_retry(drive, client_a):
    shoot = _shoot(client_a)
    drive.respond([({"status": "500"}, "down")] * (drive_client.RETRIES + 1))
    with pytest.raises(DriveTemporaryError):
        sync_shoot_folder(shoot.pk)
    drive.respond([({"status": "500"}, "down")] * (drive_client.RETRIES + 1))
    assert drive_folder_step(str(shoot.pk)) == "retry"
    assert not DriveFolder.objects.exists()


def test_revoked_credential_is_reported_to_admins_once(drive, client_a, admin_user, team_user):
    shoot = _shoot(client_a)
    revoked = json.dumps({"error": {"code": 401, "message": "Invalid Credentials"}})
    drive.respond([({"status": "401"}, revoked)])
    assert drive_folder_step(str(shoot.pk)) == "auth"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [admin_user.email]  # admins only, not the team member
    assert "refused" in mail.outbox[0].subject
    drive.respond([({"status": "401"}, revoked)])
    assert drive_folder_step(str(shoot.pk)) == "auth"
    assert len(mail.outbox) == 1  # once per outage, not once per job


def test_a_refused_token_refresh_is_an_auth_error():
    class Request:
        def execute(self, num_retries=0):
            raise RefreshError("invalid_grant: Invalid JWT Signature.")

    with pytest.raises(DriveAuthError):
        run(Request())


def test_listing_is_shown_to_staff_and_cached(drive, client_a, team_user):
    shoot = _shoot(client_a)
    make_drive_folder(shoot, "1ShootFolder", parent_id="p", path="a/b/c")
    item = {
        "id": "1RawClipOne0001",
        "name": "clip-001.mp4",
        "mimeType": "video/mp4",
        "size": "734003200",
        "thumbnailLink": "https://lh3.googleusercontent.com/thumb",
        "modifiedTime": "2026-03-14T12:00:00.000Z",
        "webViewLink": "https://drive.google.com/file/d/1RawClipOne0001/view",
        "parents": ["1ShootFolder"],
    }
    http = drive.respond([ok({"files": [item]})])
    api = api_client(team_user)
    url = reverse("api:shoot-drive-files", args=[shoot.pk])
    body = api.get(url).json()
    assert body["connected"] is True
    assert body["results"] == [
        {
            "id": "1RawClipOne0001",
            "name": "clip-001.mp4",
            "mime_type": "video/mp4",
            "size": 734003200,
            "thumbnail_link": "https://lh3.googleusercontent.com/thumb",
            "modified_time": "2026-03-14T12:00:00.000Z",
            "link": "https://drive.google.com/file/d/1RawClipOne0001/view",
        }
    ]
    assert "'1ShootFolder' in parents" in http.calls[0]["query"]["q"]
    assert api.get(url).json()["results"][0]["id"] == "1RawClipOne0001"  # cached: no 2nd call
    assert len(http.calls) == 1


def test_listing_without_drive_says_not_connected(team_user, client_a):
    body = (
        api_client(team_user)
        .get(reverse("api:shoot-drive-files", args=[_shoot(client_a).pk]))
        .json()
    )
    assert body == {"connected": False, "folder_id": None, "folder_link": None, "results": []}


def test_deliverable_takes_a_file_of_its_shoots_folder(drive, client_a, team_user):
    shoot = _shoot(client_a)
    make_drive_folder(shoot, "1ShootFolder", parent_id="p", path="a/b/c")
    deliverable = make_deliverable(client_a, shoot)
    link = "https://drive.google.com/file/d/1FinalCut000001/view"
    drive.respond(
        [
            ok(
                {
                    "id": "1FinalCut000001",
                    "name": "final.mp4",
                    "parents": ["1ShootFolder"],
                    "webViewLink": link,
                }
            ),
            ok({"id": "1Elsewhere00001", "name": "x.mp4", "parents": ["1OtherFolder"]}),
        ]
    )
    api = api_client(team_user)
    url = reverse("api:deliverable-drive-file", args=[deliverable.pk])
    response = api.post(url, {"file_id": "1FinalCut000001"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["file_link"] == link
    deliverable.refresh_from_db()
    assert deliverable.file_link == link
    refused = api.post(url, {"file_id": "1Elsewhere00001"}, format="json")
    assert refused.status_code == 400
    assert "not in the shoot" in refused.json()["error"]["message"]


def test_drive_sync_job_makes_missing_folders(drive, client_a):
    soon = timezone.now() + timedelta(days=3)
    make_shoot(client_a, shoot_start=soon, location="Pier")
    make_shoot(client_a, shoot_start=timezone.now() + timedelta(days=400))  # out of range
    drive.respond(
        [
            ok({"files": [folder("1ClientFolderAcme")]}),
            ok({"files": [folder("1YearFolder")]}),
            ok({"files": []}),
            ok(folder("1ShootFolderPier")),
            ok({"files": []}),  # the listing refreshed
        ]
    )
    assert drive_sync() == {"connected": True, "ok": 1}
    assert DriveFolder.objects.get().folder_id == "1ShootFolderPier"


def test_an_unrelated_change_costs_no_drive_call(
    drive, client_a, django_capture_on_commit_callbacks
):
    shoot = _shoot(client_a)
    drive.respond(
        [
            ok({"files": [folder("1ClientFolderAcme")]}),
            ok({"files": [folder("1YearFolder2026")]}),
            ok({"files": [folder("1ShootFolderMarch14")]}),
        ]
    )
    sync_shoot_folder(shoot.pk)
    shoot.refresh_from_db()
    http = drive.respond([])
    with django_capture_on_commit_callbacks(execute=True):
        shoot_update(shoot=shoot, actor=None, notes="Bring the macro lens")
    assert http.calls == []
    shoot.refresh_from_db()
    assert shoot.drive_folder_link == FOLDER_LINK.format("1ShootFolderMarch14")


def _drive_world(client_a):
    shoot = make_shoot(client_a, shoot_start=timezone.now() + timedelta(days=2), location="Pier")
    make_drive_folder(shoot, "1ShootFolderPier", parent_id="1Year", path=sync_path(shoot))
    reel = make_deliverable(client_a, shoot, title="Croissant reel")
    other = make_deliverable(client_a, shoot, title="Team photo")
    return shoot, reel, other


def sync_path(shoot):
    return "/".join(folder_path(shoot))


CLIP = {
    "id": "1CroissantReel01",
    "name": "croissant_reel.mp4",
    "mimeType": "video/mp4",
    "webViewLink": "https://drive.google.com/file/d/1CroissantReel01/view",
}


def test_a_file_named_like_a_deliverable_moves_it_to_review_when_enabled(drive, client_a, settings):
    settings.GOOGLE_DRIVE_AUTO_REVIEW = True
    _, reel, other = _drive_world(client_a)
    drive.respond([ok({"files": [CLIP]})])
    assert drive_sync()["to_review"] == 1
    reel.refresh_from_db()
    other.refresh_from_db()
    assert reel.status == "Needs Review"
    assert reel.file_link == CLIP["webViewLink"]
    assert other.status == "To Do"


def test_auto_review_is_off_by_default(drive, client_a):
    _, reel, _ = _drive_world(client_a)
    drive.respond([ok({"files": [CLIP]})])
    assert "to_review" not in drive_sync()
    reel.refresh_from_db()
    assert reel.status == "To Do"
