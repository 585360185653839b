"""/metrics: import jobs and scheduled job runs (the batch app, looked up by name)."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from ops.tests.test_metrics import TOKEN, scrape, value

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def metrics_on(settings):
    settings.METRICS_TOKEN = TOKEN


def test_import_jobs_by_status_and_the_oldest_queued(client):
    jobs = apps.get_model("batch", "BatchJob")
    before = scrape(client)
    assert value(before, "localbzz_batch_job_oldest_queued_seconds") == 0
    old = jobs.objects.create(collection="clients", status="queued")
    jobs.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    jobs.objects.create(collection="clients", status="queued")
    jobs.objects.create(collection="tasks", status="failed")
    after = scrape(client)
    assert value(after, "localbzz_batch_jobs", status="queued") == 2
    assert value(after, "localbzz_batch_jobs", status="failed") == 1
    assert value(after, "localbzz_batch_jobs", status="running") == 0
    assert 599 <= value(after, "localbzz_batch_job_oldest_queued_seconds") <= 700


def test_scheduled_jobs_last_success_and_failures_of_the_day(client):
    runs = apps.get_model("batch", "JobRun")
    now = timezone.now()
    done = now - timedelta(hours=2)
    runs.objects.create(job="events-sweep", task="t", started_at=done, finished_at=done,
                        outcome="succeeded")  # fmt: skip
    runs.objects.create(job="events-sweep", task="t", started_at=done - timedelta(hours=1),
                        finished_at=done - timedelta(hours=1), outcome="succeeded")  # fmt: skip
    for started in (now - timedelta(hours=1), now - timedelta(hours=3), now - timedelta(days=2)):
        runs.objects.create(job="privacy-retention", task="t", started_at=started,
                            finished_at=started, outcome="failed")  # fmt: skip
    samples = scrape(client)
    last = "localbzz_scheduled_job_last_success_timestamp_seconds"
    assert value(samples, last, job="events-sweep") == pytest.approx(done.timestamp())
    assert (last, frozenset({("job", "privacy-retention")})) not in samples  # never succeeded
    failures = "localbzz_scheduled_job_failures_24h"
    assert value(samples, failures, job="privacy-retention") == 2  # the 2-day-old one is out
    assert (failures, frozenset({("job", "events-sweep")})) not in samples
