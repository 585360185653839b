"""The write path under load: creates and updates through the API from 32 writers at once.

Called by ``bench/run.py`` (``make bench``). A second production server runs with Redis
(``BENCH_REDIS_URL``: the channel layer and the Celery broker, as in production, with the
events jobs on a queue of their own that no worker reads), so a write pays what it pays in
production: the transaction, the outbox rows and, after commit, the live broadcast and one
queued job. ``BENCH_WRITERS`` (32) threads, each with a kept-alive connection and the team
user's JWT, alternate ``POST /api/tasks`` and ``PATCH /api/tasks/:id`` (its own last task)
for ``BENCH_WRITE_SECONDS`` (10). Figures: p50 / p99 per operation and over both
(``write_p99_ms``), writes per second, non-2xx answers. It also reads the
``Cache-Control`` of a hashed static file (whitenoise, production storage).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import statistics
import threading
import time
import urllib.request
import uuid
from urllib.parse import urlsplit

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
WRITERS = int(os.environ.get("BENCH_WRITERS", "32"))
SECONDS = float(os.environ.get("BENCH_WRITE_SECONDS", "10"))
TARGET_MS = 200


def _client_id(ctx) -> str:
    code = "from clients.models import Client;print(Client.objects.order_by('name').first().pk)"
    return ctx.manage("shell", "-c", code).strip().splitlines()[-1]


def _writer(base_url, token, client_id, stop, samples, errors):
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    task_id, n = None, 0
    while not stop.is_set():
        n += 1
        if task_id is None or n % 2:
            method, path = "POST", "/api/tasks"
            body = {"name": f"bench write {uuid.uuid4().hex[:8]}", "client_id": client_id}
        else:
            method, path = "PATCH", f"/api/tasks/{task_id}"
            body = {"description": f"edit {n}", "priority": ("Low", "High")[n % 4 == 0]}
        started = time.perf_counter()
        try:
            conn.request(method, path, body=json.dumps(body), headers=headers)
            response = conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            errors.append(method)
            conn.close()
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
            continue
        ms = (time.perf_counter() - started) * 1000
        if response.status >= 300:
            errors.append(f"{method} {response.status} {data[:120]!r}")
            continue
        samples.append((method, ms))
        if method == "POST":
            task_id = json.loads(data)["id"]
    conn.close()


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * p))], 1) if values else 0.0


def _static_cache_control(base_url: str, cookie: str) -> str:
    request = urllib.request.Request(base_url + "/", headers={"Cookie": cookie})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        html = response.read().decode()
    match = re.search(r'(?:href|src)="(/static/[^"]+\.[0-9a-f]{12}\.(?:css|js))"', html)
    if not match:
        return "no hashed static file on the home page"
    with urllib.request.urlopen(base_url + match.group(1), timeout=30) as response:  # noqa: S310
        return f"{match.group(1)}: {response.headers.get('Cache-Control')}"


def run(ctx) -> None:
    """Prints write latency at 32 concurrent writers and records ``write_p99_ms``."""
    token = ctx.jwt(ctx.users["team"])
    client_id = _client_id(ctx)
    queue = f"bench-writes-{uuid.uuid4().hex[:8]}"
    env = {
        "REDIS_URL": REDIS_URL,
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EVENTS_QUEUE": queue,
        "CHANNELS_PREFIX": f"bench{queue[-8:]}",
    }
    with ctx.server(**env) as base_url:
        # warm-up: every worker process opens its pools
        stop, warm, errs = threading.Event(), [], []
        threads = [
            threading.Thread(target=_writer, args=(base_url, token, client_id, stop, warm, errs))
            for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        time.sleep(2)
        stop.set()
        for thread in threads:
            thread.join()
        stop, samples, errors = threading.Event(), [], []
        load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
        threads = [
            threading.Thread(
                target=_writer, args=(base_url, token, client_id, stop, samples, errors)
            )
            for _ in range(WRITERS)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        time.sleep(SECONDS)
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        try:
            static = _static_cache_control(base_url, ctx.session_cookie(ctx.users["team"]))
        except Exception as exc:  # noqa: BLE001 - a figure, not a failure
            static = f"not read: {exc}"
    _cleanup(queue)
    rows = []
    for method in ("POST", "PATCH", None):
        values = [ms for m, ms in samples if method is None or m == method]
        rows.append(
            {
                "operation": {"POST": "POST /api/tasks", "PATCH": "PATCH /api/tasks/:id"}.get(
                    method, "all writes"
                ),
                "requests": len(values),
                "per_s": round(len(values) / elapsed, 1),
                "p50_ms": round(statistics.median(values), 1) if values else 0.0,
                "p99_ms": _pct(values, 0.99),
                "max_ms": round(max(values), 1) if values else 0.0,
            }
        )
    rows[-1]["errors"] = len(errors)
    ctx.report(
        f"Writes: {WRITERS} concurrent writers, {SECONDS:.0f} s (load {load_before} at start; "
        f"target p99 < {TARGET_MS} ms)",
        rows,
    )
    if errors:
        print("  first errors:", errors[:3])
    print(f"  static file: {static}")
    ctx.figure("write_p99_ms", rows[-1]["p99_ms"], "ms", f"< {TARGET_MS}")
    ctx.figure("writes_per_s", rows[-1]["per_s"], "1/s", "(32 writers)")


def _cleanup(queue: str) -> None:
    """Drops the jobs the writes queued (no worker reads this queue)."""
    try:
        import redis

        conn = redis.Redis.from_url(REDIS_URL, socket_timeout=5)
        conn.delete(queue)
    except Exception:  # noqa: BLE001, S110 - best effort
        pass
