"""/health/live and /health/ready: every check passes, skips or fails (503) on its own."""

import time

import pytest
from django.db import connection
from django.db.utils import OperationalError

from conftest import require_or_skip
from ops import health

pytestmark = pytest.mark.django_db


def test_live_answers_with_the_version_and_no_query(client, django_assert_num_queries, settings):
    with django_assert_num_queries(0):
        response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": settings.LOCALBZZ_VERSION}
    assert response["Cache-Control"] == "no-store"


def test_probes_need_no_allowed_host_and_no_https(client, settings):
    """Kubernetes probes a pod by its IP over plain HTTP."""
    settings.ALLOWED_HOSTS = ["localbzz.example"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/health/live", HTTP_HOST="10.1.2.3:8000").status_code == 200
    assert client.get("/health/ready/", HTTP_HOST="10.1.2.3:8000").status_code == 200
    # everything else still gets the host check
    assert client.get("/accounts/login/", HTTP_HOST="10.1.2.3:8000").status_code == 400


def test_ready_reports_each_check_with_its_latency(client, settings):
    response = client.get("/health/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {
        "database",
        "cache",
        "broker",
        "channel_layer",
        "storage",
        "migrations",
    }
    for name, result in body["checks"].items():
        assert result["status"] in {"ok", "skipped"}, name
        assert isinstance(result["latency_ms"], float | int)
    # the embedded default has no broker (Celery runs inline); the services stage has Redis
    expected = "skipped" if settings.CELERY_TASK_ALWAYS_EAGER else "ok"
    assert body["checks"]["broker"]["status"] == expected
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["migrations"]["status"] == "ok"


def _boom():
    raise OperationalError("connection refused to 10.0.0.5 password=secret")


@pytest.mark.parametrize("name", sorted(health.CHECKS))
def test_a_failing_check_makes_ready_503(client, monkeypatch, name):
    monkeypatch.setitem(health.CHECKS, name, _boom)
    response = client.get("/health/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"][name]["status"] == "fail"
    # the class only: nothing of the message (hosts, credentials) leaks to probes
    assert body["checks"][name]["error"] == "OperationalError"
    assert "secret" not in response.content.decode()
    others = [result["status"] for key, result in body["checks"].items() if key != name]
    assert "fail" not in others


def test_a_hung_check_fails_after_the_timeout(client, monkeypatch, settings):
    settings.HEALTH_CHECK_TIMEOUT = 0.2
    monkeypatch.setitem(health.CHECKS, "cache", lambda: time.sleep(2))
    started = time.monotonic()
    response = client.get("/health/ready")
    assert time.monotonic() - started < 1.5
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["error"] == "Timeout"


def test_the_database_check_fails_when_the_database_does(monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    with pytest.raises(OperationalError):
        health.check_database()


def test_the_cache_check_fails_when_the_cache_loses_values(monkeypatch):
    from django.core.cache import cache

    monkeypatch.setattr(cache, "get", lambda key: None)
    with pytest.raises(RuntimeError):
        health.check_cache()


def test_the_broker_check_connects_when_a_broker_is_configured(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    settings.HEALTH_CHECK_TIMEOUT = 1
    from kombu.exceptions import OperationalError as BrokerError

    with pytest.raises(BrokerError):
        health.check_broker()


def test_the_broker_check_passes_against_redis(settings):
    import redis

    url = settings.CELERY_BROKER_URL
    available = url.startswith("redis://")
    if available:
        try:
            redis.Redis.from_url(url, socket_timeout=1).ping()
        except redis.RedisError:
            available = False
    require_or_skip(available, "a Redis broker", service=True)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    health.check_broker()


def test_the_channel_layer_check_fails_when_messages_are_lost(monkeypatch):
    class LosingLayer:
        async def new_channel(self, prefix):
            return prefix + "x"

        async def send(self, channel, message):
            pass

        async def receive(self, channel):
            return {"type": "something.else"}

    monkeypatch.setattr(health, "get_channel_layer", LosingLayer)
    with pytest.raises(RuntimeError, match="another message"):
        health.check_channel_layer()


def test_the_storage_check_fails_when_storage_does(monkeypatch):
    from django.core.files.storage import default_storage

    def broken(name):
        raise OSError("bucket unreachable")

    monkeypatch.setattr(default_storage, "exists", broken)
    with pytest.raises(OSError, match="unreachable"):
        health.check_storage()


def test_the_migrations_check_fails_on_an_unapplied_migration(monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = 'contenttypes' "
            "AND name = '0002_remove_content_type_name'"
        )
    with pytest.raises(RuntimeError, match="1 unapplied migration"):
        health.check_migrations()


def test_the_container_healthcheck_script_asks_the_probe(live_server):
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "deploy" / "healthcheck.py"
    port = live_server.url.rsplit(":", 1)[1]
    ok = subprocess.run([sys.executable, script, "live", port], capture_output=True, timeout=30)
    assert ok.returncode == 0, ok.stderr
    closed = subprocess.run([sys.executable, script, "live", "1"], capture_output=True, timeout=30)
    assert closed.returncode != 0
