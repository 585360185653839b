"""Readiness checks: each returns nothing or raises; ``run_checks`` times them.

``/health/live`` says the process answers (no dependency is touched); ``/health/ready`` runs
every check below and is 503 when one fails, so a load balancer stops sending traffic to a
process that cannot serve it. A check that does not apply here (no broker: Celery runs
inline) is reported as ``skipped``.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor

logger = logging.getLogger(__name__)


class Skipped(Exception):
    """The check does not apply to this configuration."""


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key = f"ops:health:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    try:
        if cache.get(key) != "1":
            raise RuntimeError("the cache did not return the value just written")
    finally:
        cache.delete(key)


def check_broker() -> None:
    from localbzz.celery import app

    url = settings.CELERY_BROKER_URL
    if settings.CELERY_TASK_ALWAYS_EAGER or url.startswith("memory://"):
        raise Skipped("tasks run inline: no broker")
    with app.connection_for_write(url) as conn:
        conn.ensure_connection(max_retries=1, timeout=settings.HEALTH_CHECK_TIMEOUT)


def check_channel_layer() -> None:
    layer = get_channel_layer()
    if layer is None:
        raise Skipped("no channel layer")

    async def round_trip():
        channel = await layer.new_channel("health.")
        await layer.send(channel, {"type": "health.ping"})
        message = await layer.receive(channel)
        if message.get("type") != "health.ping":
            raise RuntimeError("the channel layer returned another message")

    async_to_sync(round_trip)()


def check_storage() -> None:
    default_storage.exists(f"health/{uuid.uuid4().hex}")


_migrations_applied = False


def check_migrations() -> None:
    """Every migration on disk is applied (checked until it holds once per process)."""
    global _migrations_applied
    if _migrations_applied:
        return
    executor = MigrationExecutor(connections["default"])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in plan[:5])
        raise RuntimeError(f"{len(plan)} unapplied migration(s): {names}")
    _migrations_applied = True


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "channel_layer": check_channel_layer,
    "storage": check_storage,
    "migrations": check_migrations,
}


def _run_one(name: str, check: Callable[[], None]) -> dict:
    started = time.perf_counter()
    try:
        check()
    except Skipped as skipped:
        result = {"status": "skipped", "reason": str(skipped)}
    except Exception as exc:
        logger.warning("health check %s failed: %s", name, exc, exc_info=True)
        # the exception's class only: probes are unauthenticated
        result = {"status": "fail", "error": type(exc).__name__}
    else:
        result = {"status": "ok"}
    result["latency_ms"] = round((time.perf_counter() - started) * 1000, 2)
    return result


def _run_bounded(name: str, check: Callable[[], None]) -> dict:
    # its own thread: a check that hangs past the timeout is left behind, not waited for
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"health-{name}")
    future = pool.submit(_run_one, name, check)
    try:
        return future.result(timeout=settings.HEALTH_CHECK_TIMEOUT)
    except FutureTimeout:
        logger.warning("health check %s timed out", name)
        return {
            "status": "fail",
            "error": "Timeout",
            "latency_ms": settings.HEALTH_CHECK_TIMEOUT * 1000,
        }
    finally:
        pool.shutdown(wait=False)


def run_checks(checks: dict[str, Callable[[], None]] | None = None) -> tuple[bool, dict]:
    """Runs the checks (each bounded by HEALTH_CHECK_TIMEOUT); ``(all passed, results)``.

    The database checks run in this thread (Django's connections are per thread); the
    others in a worker thread so that a hung Redis or bucket cannot hang the probe.
    """
    results = {}
    for name, check in (checks or CHECKS).items():
        in_thread = name in {"database", "migrations"}
        results[name] = _run_one(name, check) if in_thread else _run_bounded(name, check)
    healthy = all(result["status"] != "fail" for result in results.values())
    return healthy, results
