"""Several processes on one PostgreSQL and one Redis, as production runs them: 2 gunicorn,
2 uvicorn and 2 Celery workers on this machine. A write through one web process reaches a
websocket held by the other uvicorn, and its webhook is delivered exactly once."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection
from rest_framework_simplejwt.tokens import AccessToken

from conftest import require_or_skip
from localbzz.accounts.api_keys import api_key_create
from localbzz.events import services as event_services
from localbzz.events.tests.receiver import Receiver

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
REQUEST_ID = f"multi-{uuid.uuid4().hex}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "postgres") + (":" + quote(s["PASSWORD"]) if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Fleet:
    def __init__(self, tmp_path: Path, env: dict):
        self.tmp_path, self.env, self.procs = tmp_path, env, []

    def start(self, name: str, command: list[str], **env) -> subprocess.Popen:
        log = (self.tmp_path / f"{name}.log").open("ab")
        proc = subprocess.Popen(
            command, cwd=ROOT, env={**self.env, **env}, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        proc.name = name
        self.procs.append(proc)
        return proc

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n"
            + (self.tmp_path / f"{p.name}.log").read_text(errors="replace")[-1500:]
            for p in self.procs
        )

    def stop(self):
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def post(request) -> dict:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as exc:
        raise AssertionError(f"{exc.code}: {exc.read()[:2000]!r}") from exc


def wait_ready(port: int, fleet: Fleet, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/ready", timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"port {port} never became ready\n{fleet.logs()}")


@pytest.fixture
def fleet(tmp_path):
    require_or_skip(
        bool(django_settings.REDIS_URL) and connection.vendor == "postgresql",
        "PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)",
        service=True,
    )
    tag = uuid.uuid4().hex[:10]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "localbzz.test_settings",
        "DATABASE_URL": database_url(),
        "DATABASE_POOL": "false",
        "REDIS_URL": django_settings.REDIS_URL,
        "CELERY_BROKER_URL": django_settings.CELERY_BROKER_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EVENTS_QUEUE": f"multi-{tag}",  # only this test's workers consume it
        "CHANNELS_PREFIX": f"multi{tag}",  # only this test's processes hear it
        "CACHE_KEY_PREFIX": f"multi{tag}",
        "LOG_LEVEL": "WARNING",
    }
    fleet = Fleet(tmp_path, env)
    yield fleet
    fleet.stop()


def test_two_of_each_process_share_one_database_and_redis(fleet, admin_user):
    web = [free_port(), free_port()]
    ws = [free_port(), free_port()]
    for n, port in enumerate(web):
        fleet.start(f"gunicorn{n}", [
            str(BIN / "gunicorn"), "--workers=1", f"--bind=127.0.0.1:{port}",
            "localbzz.wsgi:application",
        ])  # fmt: skip
    for n, port in enumerate(ws):
        fleet.start(f"uvicorn{n}", [
            str(BIN / "uvicorn"), "localbzz.asgi:application", "--host=127.0.0.1",
            f"--port={port}", "--workers=1",
        ])  # fmt: skip
    for n in range(2):
        fleet.start(f"worker{n}", [
            str(BIN / "celery"), "-A", "localbzz", "worker", "-P", "solo",
            "-Q", fleet.env["EVENTS_QUEUE"], "-n", f"multi{n}@%h",
            "--without-gossip", "--without-mingle", "--loglevel=INFO",
        ], LOG_FORMAT="json", LOG_LEVEL="INFO")  # fmt: skip
    for port in web + ws:
        wait_ready(port, fleet)

    _, raw_key = api_key_create(actor=admin_user, name="Multi-process")
    token = str(AccessToken.for_user(admin_user))
    with Receiver() as receiver:
        event_services.webhook_endpoint_create(
            actor=admin_user, url=receiver.url, event_types=["client.created"]
        )

        async def scenario():
            import websockets

            async with websockets.connect(
                f"ws://127.0.0.1:{ws[1]}/ws/live/",
                subprotocols=["bearer", token],
                origin="http://localhost",
            ) as socket_b:
                await asyncio.sleep(0.5)  # the group is joined
                request = urllib.request.Request(
                    f"http://127.0.0.1:{web[0]}/api/clients",
                    data=json.dumps(
                        {
                            "name": "Multi Process Bakery",
                            "client_portal_subdomain": f"mp{uuid.uuid4().hex[:8]}",
                        }
                    ).encode(),
                    headers={
                        "Content-Type": "application/json",
                        "Authorization": f"Api-Key {raw_key}",
                        "Host": "localhost",
                        "X-Request-ID": REQUEST_ID,
                    },
                    method="POST",
                )
                created = await asyncio.to_thread(post, request)
                deadline = time.time() + 30
                while time.time() < deadline:
                    message = json.loads(await asyncio.wait_for(socket_b.recv(), 30))
                    if message.get("type") == "client.created":
                        return created, message
                raise AssertionError("no client.created on the other uvicorn")

        try:
            # a fresh thread: an earlier browser test (Playwright's sync API) may leave an
            # event loop running in this one, and asyncio.run() refuses to nest
            with ThreadPoolExecutor(max_workers=1) as pool:
                created, message = pool.submit(asyncio.run, scenario()).result()
        except Exception as exc:
            raise AssertionError(f"{exc!r}\n{fleet.logs()}") from exc
        assert message["data"]["object"]["id"] == created["id"]
        deadline = time.time() + 30
        while time.time() < deadline and not receiver.requests:
            time.sleep(0.2)
        time.sleep(3)  # room for a duplicate to arrive, if one were sent
        ids = [r["headers"]["webhook-id"] for r in receiver.requests]
        assert ids == [message["id"]], fleet.logs()
        # the worker's log lines of the tasks this request queued carry its id
        worker_logs = "".join(
            (fleet.tmp_path / f"worker{n}.log").read_text(errors="replace") for n in range(2)
        )
        tagged = [
            json.loads(line)
            for line in worker_logs.splitlines()
            if line.startswith("{") and REQUEST_ID in line
        ]
        assert tagged, worker_logs[-3000:]
        assert {line["request_id"] for line in tagged} == {REQUEST_ID}
