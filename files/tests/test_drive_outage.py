# ruff: noqa: F401, F811 - ``drive`` is test_drive's fixture, imported for these tests
"""A refused Drive credential: every admin gets one in-app notification (and its e-mail) per
outage, not per run; the files jobs are recorded on /jobs/ like every scheduled job."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.utils import timezone

from batch.models import JobRun
from batch.schedule import run_now
from files.drive.health import credential_problem
from files.jobs import drive_folder_step
from files.tests.test_drive import _shoot, drive, folder, ok
from localbzz.accounts.models import Role
from localbzz.accounts.tests.factories import make_user
from localbzz.events.models import Notification, NotificationKind, NotificationPreference
from shoots.tests.factories import make_shoot

pytestmark = pytest.mark.django_db
REVOKED = (
    {"status": "401"},
    json.dumps({"error": {"code": 401, "message": "Invalid Credentials"}}),
)
#: a shoot's folder made from scratch: client folder, year folder, shoot folder
FOLDER_MADE = [
    ok({"files": []}),
    ok(folder("1ClientFolderAcme")),
    ok({"files": [folder("1YearFolder2026")]}),
    ok({"files": []}),
    ok(folder("1ShootFolderMarch14")),
]


def _outage_notices():
    return Notification.objects.filter(kind=NotificationKind.DRIVE_DISCONNECTED)


def test_a_refused_credential_notifies_every_admin_once_per_outage(
    drive, client_a, admin_user, team_user
):
    other_admin = make_user(Role.ADMIN)
    shoot = _shoot(client_a)
    drive.respond([REVOKED])
    assert drive_folder_step(str(shoot.pk)) == "auth"
    notices = _outage_notices()
    assert sorted(n.user_id for n in notices) == sorted([admin_user.pk, other_admin.pk])
    notice = notices.first()
    assert notice.title == "Google Drive refused the service account"
    assert "Invalid Credentials" in notice.body
    assert notice.url == "/shoots/"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([admin_user.email, other_admin.email])
    assert "Invalid Credentials" in credential_problem()
    for _ in range(3):  # the same outage: later runs only log
        drive.respond([REVOKED])
        assert drive_folder_step(str(shoot.pk)) == "auth"
    assert _outage_notices().count() == 2
    assert len(mail.outbox) == 2


def test_after_drive_worked_again_a_new_refusal_is_a_new_outage(drive, client_a, admin_user):
    shoot = _shoot(client_a)
    drive.respond([REVOKED])
    drive_folder_step(str(shoot.pk))
    drive.respond(FOLDER_MADE)
    assert drive_folder_step(str(shoot.pk)) == "ok"
    assert credential_problem() is None  # the pages stop saying Drive refuses the key
    drive.respond([REVOKED])
    assert (
        drive_folder_step(
            str(make_shoot(client_a, shoot_start=timezone.now(), location="Harbour").pk)
        )
        == "auth"
    )
    assert _outage_notices().filter(user=admin_user).count() == 2


def test_an_admin_who_turned_the_email_off_gets_only_the_in_app_notice(drive, client_a, admin_user):
    NotificationPreference.objects.create(
        user=admin_user, kind=NotificationKind.DRIVE_DISCONNECTED, in_app=True, email=False
    )
    drive.respond([REVOKED])
    drive_folder_step(str(_shoot(client_a).pk))
    assert _outage_notices().filter(user=admin_user).count() == 1
    assert mail.outbox == []


def test_the_drive_sync_job_is_recorded_on_the_jobs_page(drive, client, client_a, admin_user):
    make_shoot(client_a, shoot_start=timezone.now(), location="Harbour")
    drive.respond([REVOKED])
    client.force_login(admin_user)
    response = client.post("/jobs/files-drive-sync/run/", follow=True)
    assert response.status_code == 200
    run = JobRun.objects.get(job="files-drive-sync")
    assert (run.trigger, run.outcome) == ("manual", "succeeded")
    assert run.counts == {"connected": True, "auth": 1}
    assert _outage_notices().filter(user=admin_user).count() == 1
    html = client.get("/jobs/").content.decode()
    assert "files-drive-sync" in html
    assert "files-remove-orphans" in html


def test_the_orphan_job_is_recorded_with_its_report(client, admin_user):
    run_now("files-remove-orphans", trigger="manual")
    run = JobRun.objects.get(job="files-remove-orphans")
    assert run.outcome == "succeeded"
    assert run.counts == {"orphans": 0, "removed": 0, "keys": []}
