"""Large imports through a real Celery worker on Redis (PostgreSQL): the job runs in the
worker, its progress is visible while it runs, its report is kept, and cancel stops it."""

import time

import pytest

from batch.models import BatchJob
from deliverables.models import Deliverable
from localbzz.events.models import Event
from localbzz.testing import api_client

pytestmark = pytest.mark.services


def _wait(condition, timeout=60.0, what="condition", worker=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}\n{worker.tail() if worker else ''}")


def _file(client, rows: int) -> bytes:
    lines = ["client_id,title,deliverable_type,status,due_date"]
    lines += [
        f"{client.client_portal_subdomain},Reel {n},Reel,To Do,2030-01-{n % 28 + 1:02d}"
        for n in range(1, rows + 1)
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def _post(user, content: bytes, dry_run: bool):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return api_client(user).post(
        f"/api/deliverables/import?dry_run={'true' if dry_run else 'false'}",
        {"file": SimpleUploadedFile("rows.csv", content)},
        format="multipart",
    )


def _job(user, response) -> dict:
    return api_client(user).get(response["Location"]).json()


def test_a_large_import_runs_in_the_worker_with_progress(
    worker_factory, admin_user, client_a, settings
):
    settings.BATCH_INLINE_ROWS = 10
    worker = worker_factory().start()

    response = _post(admin_user, _file(client_a, 60), dry_run=False)

    assert response.status_code == 202
    assert response.json()["job"]["status"] == "queued"
    _wait(
        lambda: _job(admin_user, response)["status"] in ("succeeded", "failed"),
        what="the job",
        worker=worker,
    )
    job = _job(admin_user, response)
    assert job["status"] == "succeeded", job
    assert job["report"]["totals"]["created"] == 60
    assert job["progress"] == 100
    assert Deliverable.objects.filter(client=client_a).count() == 60
    seen = [
        e.data["object"]["progress"]
        for e in Event.objects.filter(type="batch_job.progress").order_by("occurred_at")
    ]
    assert len(seen) > 5
    assert seen == sorted(seen)  # progress only moves forward
    assert any(0 < p < 100 for p in seen)


def test_a_running_job_cancelled_stops_and_writes_nothing(
    worker_factory, admin_user, client_a, settings
):
    settings.BATCH_INLINE_ROWS = 10
    worker = worker_factory().start()
    response = _post(admin_user, _file(client_a, 3000), dry_run=False)
    job_id = response.json()["job"]["id"]
    _wait(
        lambda: BatchJob.objects.get(pk=job_id).rows_done > 0,
        what="the job to start",
        worker=worker,
    )

    cancelled = api_client(admin_user).post(f"/api/batch-jobs/{job_id}/cancel")

    assert cancelled.status_code == 200
    assert cancelled.json()["cancel_requested"] is True
    _wait(
        lambda: BatchJob.objects.get(pk=job_id).status == "cancelled",
        what="the cancel",
        worker=worker,
    )
    assert not Deliverable.objects.exists()
    assert BatchJob.objects.get(pk=job_id).report is None
