# ruff: noqa: S603, S607  (a benchmark driver runs local programs by design)
"""Events: webhook deliveries per second per worker, and commit → websocket latency.

Called by ``bench/run.py`` (``make bench``) against the bench PostgreSQL database. Needs Redis
(``BENCH_REDIS_URL``, default ``redis://127.0.0.1:6379/9``): the Celery broker and the
channels-redis layer.

1. **Delivery throughput**: ``BENCH_EVENTS`` (500) client status changes are committed while no
   worker runs, so their jobs wait in a queue of their own; then a Celery worker starts and
   delivers them to a local HTTP receiver: ``-P solo`` (one process), then ``-P prefork`` with
   1 and ``BENCH_PREFORK`` (3) processes. Figure: deliveries / second from the worker's first
   to its last delivery, and per worker process (``webhook_deliveries_per_s``: -P solo).
2. **Live latency**: uvicorn serves ``/ws/live/``; ``BENCH_LISTENERS`` (200, then
   ``BENCH_LISTENERS_MANY``: 1,000) websocket clients sign in with a JWT (team user, the
   ``bearer`` subprotocol); ``BENCH_CHANGES`` (50) changes are committed one by one, each
   stamping its commit time; every listener records when the event arrives. Figure: p50 / p99
   of (arrival − commit) over all listener × event pairs (``live_p99_ms``,
   ``live_p99_ms_1000``), and the first listener's p50 (the dispatch cost alone).
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import subprocess
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
EVENTS = int(os.environ.get("BENCH_EVENTS", "500"))
LISTENERS = int(os.environ.get("BENCH_LISTENERS", "200"))
LISTENERS_MANY = int(os.environ.get("BENCH_LISTENERS_MANY", "1000"))
CHANGES = int(os.environ.get("BENCH_CHANGES", "50"))
PREFORK = int(os.environ.get("BENCH_PREFORK", "3"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis_up() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping())
    except Exception:  # noqa: BLE001 - any failure means "not available"
        return False


class _Receiver:
    def __init__(self):
        self.times: list[float] = []
        self.ids: set[str] = set()
        lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                self.rfile.read(int(self.headers.get("content-length", 0)))
                with lock:
                    receiver.times.append(time.time())
                    receiver.ids.add(self.headers.get("webhook-id", ""))
                self.send_response(204)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


def _env(ctx, queue: str) -> dict:
    return {
        **ctx.env,
        "REDIS_URL": REDIS_URL,
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EVENTS_QUEUE": queue,
        "WEBHOOK_ALLOW_PRIVATE_TARGETS": "true",
        "CHANNELS_PREFIX": f"bench{queue[-6:]}",
        "LOG_LEVEL": "WARNING",
    }


def _shell(env: dict, code: str) -> str:
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py shell failed:\n{result.stderr[-3000:]}")
    return result.stdout


MAKE_EVENTS = """
from clients.models import Client, ClientStatus
from clients.services import client_set_status
from localbzz.events.models import WebhookEndpoint
from localbzz.events import services
from localbzz.events.delivery import queue_delivery
from localbzz.events.models import DeliveryStatus, WebhookDelivery
from localbzz.events.services import webhook_endpoint_create
# Only the deliveries reach the worker's queue: the rest of each event's dispatch
# (broadcast, notifications) is not what this figure measures.
services.connect_dispatcher(lambda event: None)
WebhookEndpoint.objects.update(is_active=False)
webhook_endpoint_create(actor=None, url={url!r}, event_types=["client.status_changed"])
clients = list(Client.objects.order_by("name")[:50])
n = 0
while n < {count}:
    for c in clients:
        if n >= {count}:
            break
        c.refresh_from_db()
        nxt = ClientStatus.INACTIVE if c.status != ClientStatus.INACTIVE else ClientStatus.ACTIVE
        client_set_status(client=c, status=nxt)
        n += 1
pending = WebhookDelivery.objects.filter(endpoint__url={url!r}, status=DeliveryStatus.PENDING)
for pk, attempts in pending.values_list("pk", "attempts"):
    queue_delivery(pk, attempts)
print("made", n)
"""

CLEANUP = """
from localbzz.events.models import WebhookEndpoint
WebhookEndpoint.objects.filter(url={url!r}).delete()
"""


def _throughput(ctx, pool: str = "solo", processes: int = 1) -> dict:
    queue = f"bench-events-{uuid.uuid4().hex[:8]}"
    env = _env(ctx, queue)
    receiver = _Receiver()
    log = open(f"/tmp/{queue}.log", "wb")  # noqa: SIM115, S108
    worker = None
    try:
        _shell(env, MAKE_EVENTS.format(url=receiver.url, count=EVENTS))
        worker = subprocess.Popen(
            [str(BIN / "celery"), "-A", "localbzz", "worker", "-P", pool, "-Q", queue,
             "-c", str(processes), "--without-gossip", "--without-mingle",
             "--loglevel=WARNING"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.time() + 120
        while len(receiver.ids) < EVENTS and time.time() < deadline:
            time.sleep(0.05)
        delivered = len(receiver.ids)
        span = (receiver.times[-1] - receiver.times[0]) if len(receiver.times) > 1 else 0.0
        rate = round((delivered - 1) / span, 1) if span else 0.0
        return {
            "measure": f"webhook deliveries / s (-P {pool}, {processes} process(es))",
            "events": delivered,
            "requests": len(receiver.times),
            "seconds": round(span, 2),
            "value": rate,
            "per_process": round(rate / processes, 1),
            "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        }
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(10)
        log.close()
        receiver.close()
        _shell(env, CLEANUP.format(url=receiver.url))


CHANGE_LOOP = """
import json, time
from django.db import transaction
from clients.models import Client, ClientStatus
from clients.services import client_set_status
from localbzz.events.models import Event
stamps = {{}}
clients = list(Client.objects.order_by("name")[:{count}])
for c in clients:
    holder = {{}}
    with transaction.atomic():
        # registered first, so it runs first after COMMIT: the commit time of the change
        transaction.on_commit(lambda h=holder: h.setdefault("t", time.time()))
        nxt = ClientStatus.INACTIVE if c.status != ClientStatus.INACTIVE else ClientStatus.ACTIVE
        client_set_status(client=c, status=nxt)
    ev = Event.objects.filter(type="client.status_changed", object_id=str(c.pk)).order_by(
        "-occurred_at").values_list("pk", flat=True).first()
    stamps[str(ev)] = holder["t"]
    time.sleep(0.05)
print("STAMPS" + json.dumps(stamps))
"""


async def _listen(
    url: str, token: str, origin: str, received: dict, ready: asyncio.Event, counter: list
):
    import websockets

    async with websockets.connect(
        url, origin=origin, max_queue=None, subprotocols=["bearer", token], open_timeout=60
    ) as ws:
        counter[0] += 1
        if counter[0] == counter[1]:
            ready.set()
        try:
            while True:
                msg = json.loads(await ws.recv())
                if msg.get("type") == "client.status_changed":
                    received.setdefault(msg["id"], []).append(time.time())
        except (asyncio.CancelledError, websockets.ConnectionClosed):
            return


async def _latency_async(ctx, env: dict, port: int, listeners: int) -> dict:
    token = ctx.jwt(ctx.users["team"])
    url = f"ws://127.0.0.1:{port}/ws/live/"
    origin = f"http://127.0.0.1:{port}"
    received: dict[str, list[float]] = {}
    ready = asyncio.Event()
    counter = [0, listeners]
    tasks = []
    for _ in range(listeners):
        tasks.append(asyncio.create_task(_listen(url, token, origin, received, ready, counter)))
        await asyncio.sleep(0.002)  # a connect burst, not a thundering herd
    await asyncio.wait_for(ready.wait(), timeout=120)
    proc = await asyncio.create_subprocess_exec(
        str(BIN / "python"), "manage.py", "shell", "-c", CHANGE_LOOP.format(count=CHANGES),
        cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await proc.communicate()
    line = next((x for x in out.decode().splitlines() if x.startswith("STAMPS")), None)
    if line is None:
        raise RuntimeError(err.decode()[-2000:])
    stamps = json.loads(line[len("STAMPS") :])
    await asyncio.sleep(2)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    samples = [
        (t - stamps[event_id]) * 1000
        for event_id, times in received.items()
        if event_id in stamps
        for t in times
    ]
    samples.sort()
    expected = len(stamps) * listeners
    # the first listener's latency per event: dispatch cost, without the fan-out spread
    firsts = sorted(
        (min(times) - stamps[event_id]) * 1000
        for event_id, times in received.items()
        if event_id in stamps
    )

    def pct(p):
        return round(samples[min(len(samples) - 1, int(len(samples) * p))], 1) if samples else 0

    return {
        "measure": f"commit → websocket message ({listeners} listeners)",
        "messages": f"{len(samples)}/{expected}",
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        "max_ms": round(samples[-1], 1) if samples else 0,
        "first_p50_ms": round(statistics.median(firsts), 1) if firsts else 0,
        "mean_ms": round(statistics.fmean(samples), 1) if samples else 0,
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def _latency(ctx, listeners: int) -> dict:
    env = _env(ctx, f"bench-live-{uuid.uuid4().hex[:8]}")
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "uvicorn"), "localbzz.asgi:application", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--ws", "websockets"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        return asyncio.run(_latency_async(ctx, env, port, listeners))
    finally:
        server.terminate()
        server.wait(10)


def run(ctx) -> None:
    """Prints deliveries per second per worker and commit → websocket p50/p99."""
    if not _redis_up():
        print(f"bench/events: Redis not reachable at {REDIS_URL}; skipped")
        return
    runs = [_throughput(ctx), _throughput(ctx, "prefork", 1)]
    if PREFORK > 1:
        runs.append(_throughput(ctx, "prefork", PREFORK))
    ctx.report("Webhook delivery throughput (target >= 300 / s per process)", runs)
    ctx.figure("webhook_deliveries_per_s", runs[0]["value"], "1/s", ">= 300")
    ctx.figure("webhook_deliveries_per_s_prefork1", runs[1]["value"], "1/s", ">= 300")
    if PREFORK > 1:
        ctx.figure(f"webhook_deliveries_per_s_prefork{PREFORK}", runs[2]["value"], "1/s", "(total)")
    live = [_latency(ctx, LISTENERS)]
    if LISTENERS_MANY:
        live.append(_latency(ctx, LISTENERS_MANY))
    ctx.report("Live update latency (target p99 < 50 ms; < 100 ms at 1,000 listeners)", live)
    ctx.figure("live_p99_ms", live[0]["p99_ms"], "ms", "< 50")
    ctx.figure("live_first_p50_ms", live[0]["first_p50_ms"], "ms", "< 10")
    if LISTENERS_MANY:
        ctx.figure("live_p99_ms_1000", live[1]["p99_ms"], "ms", "< 100")
