"""Scheduled jobs: every run recorded, /jobs/ with "run now", the in-process schedule."""

from __future__ import annotations

from datetime import timedelta

import pytest
from celery import shared_task
from django.test import TestCase
from django.utils import timezone

from batch import scheduler
from batch.models import JobOutcome, JobRun
from clients.models import ClientStatus
from clients.services import client_set_status
from clients.tests.factories import make_client
from localbzz.events import services as event_services
from localbzz.events.models import DeliveryStatus, WebhookDelivery

pytestmark = pytest.mark.django_db


@shared_task(name="batch.tests.boom")
def boom():
    raise RuntimeError("the disk is full")


@shared_task(name="batch.tests.count")
def count():
    return {"done": 3}


@pytest.fixture
def test_jobs(settings):
    """The sweep and two test jobs (other jobs have their own tests)."""
    settings.CELERY_BEAT_SCHEDULE = {
        "events-sweep": settings.CELERY_BEAT_SCHEDULE["events-sweep"],
        "boom": {"task": "batch.tests.boom", "schedule": 60.0},
        "count": {"task": "batch.tests.count", "schedule": 60.0},
    }


def test_a_failed_webhook_is_retried_by_the_in_process_sweep(receiver, settings, embedded_celery):
    settings.WEBHOOK_RETRY_SCHEDULE = [5, 300]
    receiver.fail_times = 1
    event_services.webhook_endpoint_create(
        actor=None, url=receiver.url, event_types=["client.status_changed"]
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        client_set_status(client=make_client(status=ClientStatus.PITCHING), status="Active")
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING  # the first attempt got a 500

    now = timezone.now()
    schedule = scheduler.InProcessScheduler(now=now)
    WebhookDelivery.objects.update(next_attempt_at=now)  # its retry is due
    later = now + timedelta(seconds=settings.EVENTS_SWEEP_SECONDS)
    assert "events-sweep" in schedule.tick(later)

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert len(receiver.requests) == 2
    run = JobRun.objects.get(job="events-sweep")
    assert (run.outcome, run.counts, run.trigger) == (
        "succeeded",
        {"deliveries": 1, "events": 0},
        "schedule",
    )
    assert schedule.tick(later + timedelta(seconds=1)) == []  # not due again yet


def test_jobs_run_when_due_and_restarts_remember_the_last_run(test_jobs, embedded_celery):
    now = timezone.now()
    first = scheduler.InProcessScheduler(now=now)
    ran = first.tick(now)
    assert {"count", "boom"} <= set(ran)  # never run: due at once
    assert "count" not in first.tick(now + timedelta(seconds=30))
    again = scheduler.InProcessScheduler(now=now + timedelta(seconds=30))
    assert "count" not in again.tick(now + timedelta(seconds=30))
    assert "count" in again.tick(now + timedelta(seconds=61))


def test_a_failing_job_is_recorded_with_its_error_and_the_schedule_goes_on(
    test_jobs, embedded_celery
):
    scheduler.InProcessScheduler().tick(timezone.now() + timedelta(hours=1))
    failed = JobRun.objects.get(job="boom")
    assert failed.outcome == JobOutcome.FAILED
    assert failed.error == "RuntimeError: the disk is full"
    assert failed.finished_at is not None
    assert JobRun.objects.get(job="count").counts == {"done": 3}


def test_the_schedule_runs_only_in_runservers_serving_process(settings, monkeypatch):
    settings.RUNSERVER_CHILD = False
    monkeypatch.setattr("sys.argv", ["manage.py", "runserver"])
    assert not scheduler.serving_runserver()  # the autoreloader's watcher
    settings.RUNSERVER_CHILD = True
    assert scheduler.serving_runserver()
    monkeypatch.setattr("sys.argv", ["manage.py", "migrate"])
    assert not scheduler.serving_runserver()
    settings.RUNSERVER_CHILD = False
    monkeypatch.setattr("sys.argv", ["manage.py", "runserver", "--noreload"])
    assert scheduler.serving_runserver()


def test_in_process_is_the_embedded_default():
    from django.conf import settings

    assert settings.SCHEDULER_IN_PROCESS == settings.CELERY_TASK_ALWAYS_EAGER


def test_jobs_page_is_for_admins(client, team_user, admin_user, test_jobs):
    assert client.get("/jobs/").status_code == 302  # sign in first
    client.force_login(team_user)
    assert client.get("/jobs/").status_code == 404
    assert client.post("/jobs/count/run/").status_code == 404
    client.force_login(admin_user)
    html = client.get("/jobs/").content.decode()
    assert "events-sweep" in html
    assert "Run now" in html


def test_run_now_runs_and_records_a_manual_run(client, admin_user, test_jobs, embedded_celery):
    client.force_login(admin_user)
    response = client.post("/jobs/count/run/", follow=True)
    assert "count ran." in response.content.decode()
    run = JobRun.objects.get(job="count")
    assert (run.trigger, run.outcome, run.counts) == ("manual", "succeeded", {"done": 3})
    response = client.post("/jobs/boom/run/", follow=True)
    assert "boom failed: RuntimeError: the disk is full" in response.content.decode()
    assert client.post("/jobs/nope/run/").status_code == 404


def test_jobs_page_queries_do_not_grow_with_runs(
    client, admin_user, test_jobs, embedded_celery, django_assert_max_num_queries
):
    for _ in range(5):
        scheduler.InProcessScheduler().tick(timezone.now() + timedelta(days=1))
    client.force_login(admin_user)
    with django_assert_max_num_queries(6):
        assert client.get("/jobs/").status_code == 200
