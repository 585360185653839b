"""The read-replica router (localbzz/db_router.py): which reads go to the replica alias.

These tests need no second database: they ask the router and the middleware where reads
would go. test_replica_services.py runs the same against two real PostgreSQL databases."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from localbzz import db_router
from localbzz.db_router import (
    PRIMARY,
    REPLICA,
    ReplicaMiddleware,
    ReplicaRouter,
    reading_from_replica,
    replica_reads,
    route_reads_from_replica,
)


@pytest.fixture
def with_replica(monkeypatch):
    """As if ``DATABASE_REPLICA_URL`` were set (no connection is made by these tests)."""
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)
    # a locmem cache of the test's own (the shared Redis keeps other workers' keys)
    caches = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "LOCATION": f"replica-{uuid.uuid4().hex}"}}  # fmt: skip
    with override_settings(CACHES=caches):
        yield


class Client:
    class _meta:
        label = "clients.Client"


class ApiKey:
    class _meta:
        label = "accounts.ApiKey"


def test_reads_go_to_the_primary_unless_asked(with_replica):
    router = ReplicaRouter()
    assert router.db_for_read(Client) == PRIMARY
    with replica_reads():
        assert router.db_for_read(Client) == REPLICA
    assert router.db_for_read(Client) == PRIMARY


def test_a_write_sends_the_rest_of_the_request_to_the_primary(with_replica):
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_read(Client) == REPLICA
        assert router.db_for_write(Client) == PRIMARY
        assert router.db_for_read(Client) == PRIMARY  # read your own write
    with replica_reads():  # a new request starts on the replica again
        assert router.db_for_read(Client) == REPLICA


def test_bookkeeping_writes_keep_the_replica(with_replica):
    router = ReplicaRouter()
    with replica_reads():
        router.db_for_write(ApiKey)  # an API key's last use, written by authentication
        assert router.db_for_read(Client) == REPLICA


def test_related_rows_of_a_primary_row_come_from_the_primary(with_replica):
    class Row:
        class _state:
            db = PRIMARY

    with replica_reads():
        assert ReplicaRouter().db_for_read(Client, instance=Row()) == PRIMARY


def test_without_a_replica_everything_is_the_primary():
    assert "replica" not in settings.DATABASES
    with replica_reads():
        assert not reading_from_replica()
        assert ReplicaRouter().db_for_read(Client) == PRIMARY


def test_only_the_primary_is_migrated():
    router = ReplicaRouter()
    assert router.allow_migrate(PRIMARY, "clients") is True
    assert router.allow_migrate(REPLICA, "clients") is False


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        ("api:client-list", True),
        ("api:deliverable-export", True),
        ("clients:list", True),
        ("ops:usage", True),
        ("api:client-detail", False),
        ("api:event-list", False),  # live pages catch up here right after a push
        ("api:notification-list", False),
        ("dashboard:home", False),
    ],
)
def test_routes_that_read_the_replica(route, expected):
    assert route_reads_from_replica(route) is expected


def seen_by_view():
    """A view stand-in that reports where its reads would go."""
    seen = []

    def view(request):
        seen.append(reading_from_replica())
        return HttpResponse("ok")

    return ReplicaMiddleware(view), seen


def test_the_middleware_sends_list_reads_to_the_replica(with_replica):
    middleware, seen = seen_by_view()
    factory = RequestFactory()
    middleware(factory.get("/api/clients", HTTP_AUTHORIZATION="Api-Key one"))
    middleware(factory.get("/api/clients/00000000-0000-0000-0000-000000000001"))
    middleware(factory.get("/api/events"))
    middleware(factory.get("/no-such-page/"))
    assert seen == [True, False, False, False]
    assert not reading_from_replica()  # reset once the response is done


def test_a_caller_who_wrote_reads_the_primary_for_a_while(with_replica):
    middleware, seen = seen_by_view()
    factory = RequestFactory()
    middleware(factory.post("/api/clients", HTTP_AUTHORIZATION="Api-Key one"))
    middleware(factory.get("/api/clients", HTTP_AUTHORIZATION="Api-Key one"))
    middleware(factory.get("/api/clients", HTTP_AUTHORIZATION="Api-Key two"))
    assert seen == [False, False, True]
    from django.core.cache import cache

    cache.delete(db_router.caller_key(factory.get("/", HTTP_AUTHORIZATION="Api-Key one")))
    middleware(factory.get("/api/clients", HTTP_AUTHORIZATION="Api-Key one"))
    assert seen[-1] is True  # the sticky time is over


def test_a_write_inside_a_list_request_pins_the_rest_to_the_primary(with_replica):
    seen = []

    def view(request):
        seen.append(reading_from_replica())
        ReplicaRouter().db_for_write(Client)
        seen.append(reading_from_replica())
        return HttpResponse("ok")

    ReplicaMiddleware(view)(RequestFactory().get("/api/clients"))
    assert seen == [True, False]
