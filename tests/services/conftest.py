"""Real-service fixtures: a Celery worker subprocess on the Redis broker, against the test
database this test process uses, and a local HTTP receiver."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection

from conftest import require_or_skip
from localbzz.celery import app as celery_app
from localbzz.events.tests.receiver import Receiver

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))


def _database_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "postgres")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"])
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    """``celery worker -P solo`` with embedded beat, consuming a queue of its own."""

    def __init__(self, tmp_path: Path, queue: str, extra_env: dict | None = None):
        self.queue = queue
        self.log = tmp_path / f"worker-{uuid.uuid4().hex[:6]}.log"
        self.schedule = tmp_path / "beat-schedule"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "localbzz.test_settings",
            "DATABASE_URL": _database_url(),
            "DATABASE_POOL": "false",
            "REDIS_URL": django_settings.REDIS_URL,
            "CELERY_BROKER_URL": django_settings.CELERY_BROKER_URL,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "EVENTS_QUEUE": queue,
            "WEBHOOK_RETRY_SCHEDULE": "0.3,0.3,0.3,0.3,0.3",
            "EVENTS_SWEEP_SECONDS": "1",
            "WEBHOOK_SWEEP_LEASE": "3",
            "EVENTS_DISPATCH_GRACE": "1",
            **(extra_env or {}),
        }
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 20.0) -> Worker:
        handle = self.log.open("ab")
        self.proc = subprocess.Popen(
            [CELERY, "-A", "localbzz", "worker", "-P", "solo", "-B", "-s", str(self.schedule),
             "-Q", self.queue, "--without-gossip", "--without-mingle", "--loglevel=INFO"],
            cwd=ROOT, env=self.env, stdout=handle, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.time() + timeout
        while time.time() < deadline:
            if "ready." in self.log.read_text(errors="replace"):
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"the worker did not start:\n{self.tail()}")

    def kill(self) -> None:
        """SIGKILL to the worker and its embedded beat: no cleanup, no acks."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


@pytest.fixture
def events_queue(settings, transactional_db):
    """The test process sends events jobs to a queue only this test's worker consumes, so
    parallel test processes sharing one Redis never run each other's jobs."""
    require_or_skip(
        bool(django_settings.REDIS_URL) and connection.vendor == "postgresql",
        "PostgreSQL (DATABASE_URL) and Redis (REDIS_URL) for a real Celery worker",
        service=True,
    )
    queue = f"events-test-{uuid.uuid4().hex[:10]}"
    settings.EVENTS_QUEUE = queue
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield queue
    celery_app.conf.task_always_eager = eager


@pytest.fixture
def worker_factory(events_queue, tmp_path):
    workers: list[Worker] = []

    def make(**env) -> Worker:
        worker = Worker(tmp_path, events_queue, env)
        workers.append(worker)
        return worker

    yield make
    for worker in workers:
        worker.stop()


@pytest.fixture
def receiver():
    with Receiver() as r:
        yield r


@pytest.fixture
def events_jobs(settings, transactional_db, tmp_path):
    """The events' jobs (notifications follow the live broadcast as a job) run somewhere:
    inline where Celery is eager (the embedded defaults), else in a real worker of this
    test's own queue (the services stage), as in production."""
    if celery_app.conf.task_always_eager:
        yield None
        return
    queue = f"events-test-{uuid.uuid4().hex[:10]}"
    settings.EVENTS_QUEUE = queue
    worker = Worker(tmp_path, queue).start()
    try:
        yield worker
    finally:
        worker.stop()
