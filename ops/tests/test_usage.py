"""Usage statistics: counters per day per route, user and API key, flushed into daily rows
(absolute values, so a second flush changes nothing), at GET /api/usage for admins."""

import pytest
from django.utils import timezone

from conftest import require_or_skip
from localbzz.accounts.api_keys import api_key_create
from ops import usage
from ops.jobs import flush_usage
from ops.models import UsageDaily

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counters(settings):
    """Process-local counters (exact counts: other test processes may share a Redis)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    usage.reset_local()
    yield
    usage.reset_local()


def rows(dimension):
    return {
        row.key: row
        for row in UsageDaily.objects.filter(day=timezone.now().date(), dimension=dimension)
    }


def test_requests_errors_and_latency_per_route_and_user(client, team_user):
    client.force_login(team_user)
    for _ in range(3):
        assert client.get("/api/clients/").status_code == 200
    assert client.get("/api/clients/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert flush_usage.apply().get() >= 3
    routes = rows("route")
    assert routes["api:client-list"].requests == 3
    assert routes["api:client-list"].client_errors == 0
    assert routes["api:client-detail"].client_errors == 1
    assert sum(routes["api:client-list"].latency_buckets) == 3
    assert routes["api:client-list"].p95_ms in usage.BUCKETS_MS
    users = rows("user")
    assert users[str(team_user.pk)].requests == 4
    assert users[str(team_user.pk)].client_errors == 1
    assert team_user.email not in {row.key for row in UsageDaily.objects.all()}


def test_a_second_flush_changes_nothing(client, team_user):
    client.force_login(team_user)
    client.get("/api/clients/")
    usage.flush()
    usage.flush()
    assert rows("route")["api:client-list"].requests == 1


def test_requests_with_an_api_key_count_for_the_key(client, admin_user):
    key, raw = api_key_create(actor=admin_user, name="Zapier")
    response = client.get("/api/clients/", HTTP_AUTHORIZATION=f"Api-Key {raw}")
    assert response.status_code == 200
    usage.flush()
    assert rows("api_key")[str(key.pk)].requests == 1


def test_p95_from_the_buckets():
    assert usage.p95([0] * 9) is None
    assert usage.p95([100, 0, 0, 0, 0, 0, 0, 0, 0]) == 25
    assert usage.p95([90, 0, 0, 10, 0, 0, 0, 0, 0]) == 250  # the 95th is in the 4th bucket
    assert usage.p95([0, 0, 0, 0, 0, 0, 0, 0, 5]) == 5000  # past the last edge: a lower bound


def test_usage_never_fails_a_request(client, monkeypatch, team_user):
    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(usage, "record", broken)
    client.force_login(team_user)
    assert client.get("/api/clients/").status_code == 200


def test_the_api_lists_a_days_usage_for_admins(client, admin_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    day = timezone.now().date()
    UsageDaily.objects.create(day=day, dimension="route", key="api:r0", requests=1)
    client.force_login(admin_user)
    with CaptureQueriesContext(connection) as one:
        client.get("/api/usage", {"dimension": "route"})
    for n in range(1, 5):
        UsageDaily.objects.create(day=day, dimension="route", key=f"api:r{n}", requests=n + 1)
    UsageDaily.objects.create(day=day, dimension="user", key="7", requests=9, p95_ms=100)
    with CaptureQueriesContext(connection) as five:
        response = client.get("/api/usage", {"dimension": "route"})
    assert response.status_code == 200
    assert len(five) == len(one) <= 4  # whatever the number of rows
    results = response.json()["results"]
    assert [r["key"] for r in results] == [f"api:r{n}" for n in range(4, -1, -1)]
    assert set(results[0]) == {
        "day",
        "dimension",
        "key",
        "requests",
        "client_errors",
        "server_errors",
        "p95_ms",
    }
    everything = client.get("/api/usage", {"day": day.isoformat()}).json()["results"]
    assert len(everything) == 6
    assert client.get("/api/usage", {"day": "2001-01-01"}).json()["results"] == []


@pytest.mark.parametrize(
    "params", [{"day": "yesterday"}, {"day": "2026-02-30"}, {"dimension": "email"}]
)
def test_bad_parameters_are_a_400(client, admin_user, params):
    client.force_login(admin_user)
    response = client.get("/api/usage", params)
    assert response.status_code == 400
    assert response.json()["error"]["details"]


def test_counters_in_redis(settings):
    """The services stage: the counters live in Redis, shared by every process."""
    import redis

    url = settings.REDIS_URL
    available = bool(url)
    if available:
        try:
            redis.Redis.from_url(url, socket_timeout=1).ping()
        except redis.RedisError:
            available = False
    require_or_skip(available, "Redis (REDIS_URL)", service=True)
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    }

    day_key = usage._hash_key(timezone.now().date())
    client = usage._redis()
    assert client is not None
    client.delete(day_key)
    request = type("Request", (), {"auth": None})()
    for duration in (10, 20, 3000):
        usage.record(request, 200, duration, "api:redis-route", "u1")
    usage.record(request, 503, 5, "api:redis-route", "u1")
    assert 0 < client.ttl(day_key) <= usage.KEEP_SECONDS
    usage.flush()
    row = rows("route")["api:redis-route"]
    assert (row.requests, row.server_errors) == (4, 1)
    assert row.p95_ms == 5000
    client.delete(day_key)


def test_the_usage_page_shows_admins_bars_per_dimension(client, admin_user, team_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    day = timezone.now().date()
    UsageDaily.objects.create(day=day, dimension="route", key="api:client-list", requests=40)
    client.force_login(admin_user)
    with CaptureQueriesContext(connection) as one:
        response = client.get("/ops/usage/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "api:client-list" in page
    assert page.count("<rect") == 1
    for n in range(5):
        UsageDaily.objects.create(day=day, dimension="user", key=str(n), requests=n + 1)
    with CaptureQueriesContext(connection) as more:
        page = client.get("/ops/usage/", {"day": day.isoformat()}).content.decode()
    assert page.count("<rect") == 6
    assert len(more) == len(one)  # one read, whatever the rows
    assert client.get("/ops/usage/", {"day": "nonsense"}).status_code == 200  # today instead
    client.force_login(team_user)
    assert client.get("/ops/usage/").status_code == 404
