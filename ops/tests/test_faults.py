"""Faults: the database or Redis going away, a Celery worker killed mid-task.

The first tests run everywhere (a database error raised inside a request); the others are
services-stage tests with real processes: a Celery worker SIGKILLed while it delivers a
webhook, a Redis of the test's own stopped and started again under a live gunicorn, and the
PostgreSQL connections of a live gunicorn cut (through a TCP relay of the test's own: the
shared PostgreSQL and Redis that other tests use are never stopped)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest
from django.db import OperationalError, connection
from django.test import Client
from rest_framework.test import APIClient

from conftest import require_or_skip
from localbzz.accounts.api_keys import api_key_create
from localbzz.events import services as event_services
from localbzz.events.models import DeliveryStatus, WebhookDelivery
from localbzz.events.tests.receiver import Receiver
from ops.tests.test_multiprocess import BIN, ROOT, fleet, free_port, post, wait_ready  # noqa: F401


def _fail(execute, sql, params, many, context):
    raise OperationalError("server closed the connection unexpectedly")


# --- everywhere: a database error inside a request ----------------------------------------
@pytest.mark.django_db
def test_an_api_request_without_its_database_gets_a_503_error_body(admin_user):
    api = APIClient()
    api.force_authenticate(admin_user)
    with connection.execute_wrapper(_fail):
        response = api.get("/api/clients", HTTP_X_REQUEST_ID="db-down-1")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    error = response.json()["error"]
    assert error["code"] == "service_unavailable"
    assert error["request_id"] == "db-down-1"
    assert "Traceback" not in response.content.decode()


@pytest.mark.django_db
def test_a_page_without_its_database_gets_a_503_without_a_traceback(admin_user):
    browser = Client(raise_request_exception=False)
    browser.force_login(admin_user)
    with connection.execute_wrapper(_fail):
        response = browser.get("/clients/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.content.decode()
    assert "try again" in body
    assert "Traceback" not in body
    assert "OperationalError" not in body


# --- services stage: real processes ---------------------------------------------------------
services = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, dict, dict]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": "localhost", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), json.loads(exc.read())


def wait_until(condition, timeout: float, step: float = 0.3):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return condition()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_delivery_loses_no_webhook(fleet, admin_user):  # noqa: F811
    """Worker A is SIGKILLed while its webhook request hangs; the sweep re-queues the
    delivery once its lease runs out and worker B delivers it: the same webhook-id arrives."""
    fleet.env.update({"WEBHOOK_SWEEP_LEASE": "3", "EVENTS_DISPATCH_GRACE": "1"})
    port = free_port()
    fleet.start("gunicorn", [str(BIN / "gunicorn"), "--workers=1", f"--bind=127.0.0.1:{port}",
                             "localbzz.wsgi:application"])  # fmt: skip
    worker = [str(BIN / "celery"), "-A", "localbzz", "worker", "-P", "solo", "-Q",
              fleet.env["EVENTS_QUEUE"], "--without-gossip", "--without-mingle"]  # fmt: skip
    doomed = fleet.start("worker-a", [*worker, "-n", "fault-a@%h"])
    wait_ready(port, fleet)
    _, raw_key = api_key_create(actor=admin_user, name="Faults")
    with Receiver() as receiver:
        receiver.delay = 60  # worker A's attempt hangs until it is killed
        event_services.webhook_endpoint_create(
            actor=admin_user, url=receiver.url, event_types=["client.created"]
        )
        post(urllib.request.Request(
            f"http://127.0.0.1:{port}/api/clients",
            data=json.dumps({"name": "Killed Worker Bakery",
                             "client_portal_subdomain": f"kw{uuid.uuid4().hex[:8]}"}).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Api-Key {raw_key}",
                     "Host": "localhost"},
            method="POST",
        ))  # fmt: skip
        assert wait_until(lambda: receiver.requests, 60), fleet.logs()
        os.killpg(doomed.pid, signal.SIGKILL)  # mid-task: the HTTP request is still open
        doomed.wait(10)
        first_id = receiver.requests[0]["headers"]["webhook-id"]
        receiver.delay = 0
        fleet.start("worker-b", [*worker, "-n", "fault-b@%h"])

        def swept_and_delivered():
            subprocess.run(
                [str(BIN / "python"), "manage.py", "shell", "-c",
                 "from localbzz.events.delivery import sweep; sweep()"],
                cwd=ROOT, env=fleet.env,
                capture_output=True, timeout=60, check=False,
            )  # fmt: skip
            return WebhookDelivery.objects.filter(status=DeliveryStatus.SUCCEEDED).exists()

        assert wait_until(swept_and_delivered, 90, step=2), fleet.logs()
        ids = [r["headers"]["webhook-id"] for r in receiver.requests]
    assert len(ids) >= 2  # the killed attempt and the one that succeeded
    assert set(ids) == {first_id}  # at least once, the same webhook-id: receivers dedupe
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert delivery.attempts >= 2


@pytest.fixture
def own_redis(tmp_path):
    """A redis-server of this test's own on a spare port (the shared one is never touched)."""
    require_or_skip(
        os.path.exists("/usr/bin/redis-server") and connection.vendor == "postgresql",
        "redis-server and PostgreSQL",
        service=True,
    )
    port = free_port()
    command = ["/usr/bin/redis-server", "--port", str(port), "--bind", "127.0.0.1",
               "--save", "", "--appendonly", "no", "--dir", str(tmp_path)]  # fmt: skip

    class Server:
        url = f"redis://127.0.0.1:{port}/0"
        proc = None

        def start(self):
            self.proc = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            for _ in range(50):
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", port)) == 0:
                        return
                time.sleep(0.1)
            raise AssertionError("redis-server did not start")

        def stop(self):
            self.proc.send_signal(signal.SIGKILL)  # as a crash would
            self.proc.wait(10)

    server = Server()
    server.start()
    yield server
    if server.proc.poll() is None:
        server.stop()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_redis_going_away_makes_ready_503_until_it_is_back(fleet, own_redis):  # noqa: F811
    port = free_port()
    fleet.start("gunicorn", [str(BIN / "gunicorn"), "--workers=1", f"--bind=127.0.0.1:{port}",
                             "localbzz.wsgi:application"],
                REDIS_URL=own_redis.url, CELERY_BROKER_URL=own_redis.url)  # fmt: skip
    wait_ready(port, fleet)
    own_redis.stop()
    status, headers, body = wait_until(
        lambda: (r := get(port, "/health/ready"))[0] == 503 and r, 30
    ) or get(port, "/health/ready")
    assert status == 503, body
    assert body["status"] == "fail"
    assert body["checks"]["cache"]["status"] == "fail"
    assert body["checks"]["database"]["status"] == "ok"
    assert get(port, "/health/live")[0] == 200  # liveness: no restart for an outage
    own_redis.start()
    status, _, body = wait_until(lambda: (r := get(port, "/health/ready"))[0] == 200 and r, 30) or (
        get(port, "/health/ready")
    )
    assert status == 200, body


class Relay:
    """A TCP relay to PostgreSQL that can cut every connection and refuse new ones."""

    def __init__(self, target: tuple[str, int]):
        self.target, self.port = target, free_port()
        self.conns: list[socket.socket] = []
        self.listener = None
        self.lock = threading.Lock()

    def open(self):
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self):
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept() (Linux)
        self.listener.close()
        with self.lock:
            for s in self.conns:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            self.conns.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            with self.lock:
                self.conns += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a, b):
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_postgres_cut_off_answers_a_clean_503_then_recovers(fleet, admin_user):  # noqa: F811
    s = connection.settings_dict
    relay = Relay((s["HOST"] or "127.0.0.1", int(s["PORT"] or 5432)))
    relay.open()
    url = fleet.env["DATABASE_URL"].replace(f":{s['PORT'] or 5432}/", f":{relay.port}/")
    _, raw_key = api_key_create(actor=admin_user, name="Faults")
    port = free_port()
    fleet.start("gunicorn", [str(BIN / "gunicorn"), "--workers=1", f"--bind=127.0.0.1:{port}",
                             "localbzz.wsgi:application"], DATABASE_URL=url)  # fmt: skip
    wait_ready(port, fleet)
    key = {"Authorization": f"Api-Key {raw_key}"}
    assert get(port, "/api/clients", key)[0] == 200
    try:
        relay.cut()  # open connections die, new ones are refused
        for _ in range(3):
            status, headers, body = get(port, "/api/clients", {**key, "X-Request-ID": "pg-cut"})
            assert status == 503, body
            assert body["error"]["code"] == "service_unavailable"
            assert body["error"]["request_id"] == "pg-cut"
            assert headers.get("Retry-After") == "5"
        assert get(port, "/health/ready")[2]["checks"]["database"]["status"] == "fail"
    finally:
        relay.open()  # PostgreSQL is reachable again
    status, _, body = wait_until(lambda: (r := get(port, "/api/clients", key))[0] == 200 and r, 30)
    assert status == 200, body
