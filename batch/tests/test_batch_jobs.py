"""Large imports as jobs (embedded defaults: eager Celery runs the job inline): 202 with the
job, its state and report at /api/batch-jobs/:id, progress events, cancel, visibility."""

from __future__ import annotations

import uuid

import pytest

from deliverables.models import Deliverable
from localbzz.events.models import Event, Notification, NotificationKind
from localbzz.testing import api_client

from ..batch_jobs import _Reporter, run_import_job
from ..models import BatchJob, BatchJobStatus
from .helpers import csv_bytes, import_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("embedded_celery")]


@pytest.fixture(autouse=True)
def small_inline_limit(settings):
    settings.BATCH_INLINE_ROWS = 5


def _rows(n: int, bad: set[int] = frozenset()) -> bytes:
    lines = ["client_id,title,deliverable_type,status,due_date"]
    for i in range(1, n + 1):
        status = "Nonsense" if i in bad else "To Do"
        lines.append(f"acme,Reel {i},Reel,{status},2030-01-{i % 28 + 1:02d}")
    return csv_bytes(lines)


def test_a_file_over_the_inline_limit_is_imported_by_a_job(admin_user, client_a):
    response = import_file(admin_user, "deliverables", _rows(12))

    assert response.status_code == 202, response.content
    job = response.json()["job"]
    assert response["Location"] == f"/api/batch-jobs/{job['id']}"
    state = api_client(admin_user).get(f"/api/batch-jobs/{job['id']}").json()
    assert state["status"] == "succeeded"
    assert state["progress"] == 100
    assert state["rows_total"] == 12
    assert state["report"]["totals"] == {
        "rows": 12,
        "created": 12,
        "updated": 0,
        "unchanged": 0,
        "invalid": 0,
    }
    assert Deliverable.objects.filter(client=client_a).count() == 12
    progress = Event.objects.filter(type="batch_job.progress", object_id=job["id"])
    phases = [e.data["object"]["phase"] for e in progress.order_by("occurred_at")]
    assert "validating" in phases
    assert phases[-1] == "writing"
    assert progress.order_by("-occurred_at").first().data["object"]["status"] == "succeeded"
    note = Notification.objects.get(user=admin_user, kind=NotificationKind.JOB_FINISHED)
    assert "is done" in note.title
    assert BatchJob.objects.get(pk=job["id"]).payload in (b"", memoryview(b""))


def test_a_small_file_is_still_answered_inline(admin_user, client_a):
    response = import_file(admin_user, "deliverables", _rows(5))

    assert response.status_code == 200
    assert response.json()["totals"]["created"] == 5
    assert not BatchJob.objects.exists()


def test_a_job_with_bad_rows_keeps_the_report_and_writes_nothing(admin_user, client_a):
    response = import_file(admin_user, "deliverables", _rows(20, bad={4, 17}))

    job = api_client(admin_user).get(response["Location"]).json()
    assert job["status"] == "failed"
    assert {(e["row"], e["field"]) for e in job["report"]["errors"]} == {
        (4, "status"),
        (17, "status"),
    }
    assert job["report"]["totals"]["invalid"] == 2
    assert not Deliverable.objects.exists()


def test_a_dry_run_job_writes_nothing_and_reports_what_it_would_do(admin_user, client_a):
    response = import_file(admin_user, "deliverables", _rows(9), dry_run=True)

    job = api_client(admin_user).get(response["Location"]).json()
    assert job["status"] == "succeeded"
    assert job["dry_run"] is True
    assert job["report"]["totals"]["created"] == 9
    assert not Deliverable.objects.exists()


def _queued_job(user, rows=9) -> BatchJob:
    return BatchJob.objects.create(
        collection="deliverables", user=user, dry_run=False, payload=_rows(rows),
        file_name="rows.csv", rows_total=rows,
    )  # fmt: skip


def test_a_queued_job_cancelled_never_runs(admin_user, client_a):
    job = _queued_job(admin_user)

    response = api_client(admin_user).post(f"/api/batch-jobs/{job.pk}/cancel")

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert run_import_job(job.pk) == {"skipped": 1}
    assert not Deliverable.objects.exists()
    again = api_client(admin_user).post(f"/api/batch-jobs/{job.pk}/cancel")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"


def test_a_running_job_cancelled_stops_and_rolls_back(admin_user, client_a, monkeypatch):
    job = _queued_job(admin_user, rows=40)
    original = _Reporter.__call__

    def cancel_while_writing(self, phase, done):
        if phase == "writing" and done == 20:
            BatchJob.objects.filter(pk=job.pk).update(cancel_requested=True)
        return original(self, phase, done)

    monkeypatch.setattr(_Reporter, "__call__", cancel_while_writing)

    assert run_import_job(job.pk)["status"] == "cancelled"

    job.refresh_from_db()
    assert job.status == BatchJobStatus.CANCELLED
    assert job.report is None
    assert not Deliverable.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"), [("admin", 200), ("owner", 200), ("team", 404), ("client", 404)]
)
def test_who_sees_a_job(who, status, admin_user, team_user, client_a_user, client_a):
    from localbzz.accounts.models import Role
    from localbzz.accounts.tests.factories import make_user

    owner = make_user(Role.TEAM)
    job = _queued_job(owner)
    user = {"admin": admin_user, "owner": owner, "team": team_user, "client": client_a_user}[who]

    assert api_client(user).get(f"/api/batch-jobs/{job.pk}").status_code == status
    assert api_client(user).get(f"/api/batch-jobs/{uuid.uuid4()}").status_code == 404


def test_a_malformed_job_id_is_a_404_and_anonymous_a_401(admin_user):
    assert api_client(admin_user).get(f"/api/batch-jobs/{'-' * 36}").status_code == 404
    assert api_client().get(f"/api/batch-jobs/{uuid.uuid4()}").status_code == 401


def test_the_import_page_follows_a_job_then_confirms(admin_user, client_a, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(admin_user)
    upload = SimpleUploadedFile("rows.csv", _rows(10))

    checked = client.post("/batch/deliverables/import/", {"file": upload})

    assert checked.status_code == 302
    page = client.get(checked["Location"])
    assert page.status_code == 200
    assert b"10 rows: 10 to create" in page.content
    token = page.context["token"]
    assert token
    assert not Deliverable.objects.exists()
    confirmed = client.post("/batch/deliverables/import/", {"token": token})
    assert confirmed.status_code == 302
    done = client.get(confirmed["Location"])
    assert b"Imported rows.csv: 10 created" in done.content
    assert Deliverable.objects.count() == 10


def test_the_import_page_shows_a_running_job_with_its_progress_bar(admin_user, client):
    job = _queued_job(admin_user)
    client.force_login(admin_user)

    page = client.get(f"/batch/deliverables/import/?job={job.pk}")

    assert page.status_code == 200
    assert b'id="job-progress"' in page.content
    assert f'data-batch-job="{job.pk}"'.encode() in page.content
    assert client.get("/batch/deliverables/import/?job=nonsense").status_code == 404
