"""/ws/live/ end to end through the real ASGI application (origin check, auth middleware)
and the configured channel layer: channels-redis when REDIS_URL is set (CI), else in-memory."""

import threading
import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from django.test import Client as DjangoClient
from rest_framework_simplejwt.tokens import AccessToken

from clients.models import ClientStatus
from clients.services import client_set_status
from localbzz.asgi import application
from localbzz.events.models import Event
from shoots.services import shoot_create
from tasks.services import task_create

ORIGIN = (b"origin", b"http://localhost")


@pytest.fixture
def isolated_layer(settings):
    """A channel layer of the configured kind with a prefix of its own, so parallel test
    processes sharing one Redis never hear each other's staff broadcasts."""
    layers = dict(django_settings.CHANNEL_LAYERS)
    default = dict(layers["default"])
    if "CONFIG" in default:
        default["CONFIG"] = {**default["CONFIG"], "prefix": f"t{uuid.uuid4().hex[:12]}"}
    settings.CHANNEL_LAYERS = {"default": default}
    return default["BACKEND"]


def run_async(coro_fn):
    """Runs ``coro_fn()`` to completion in a thread of its own: the session's Playwright
    browser (when browser tests ran first in this process) keeps an event loop running in
    the main thread, where async_to_sync refuses to run."""
    result, errors = [], []

    def target():
        try:
            result.append(async_to_sync(coro_fn)())
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(60)
    if errors:
        raise errors[0]
    return result[0]


def _ws(path, headers=(ORIGIN,), subprotocols=None):
    return WebsocketCommunicator(
        application, path, headers=list(headers), subprotocols=subprotocols
    )


def _ws_bearer(token):
    """A connection authenticated as browsers can: ``new WebSocket(url, ["bearer", token])``."""
    return _ws("/ws/live/", subprotocols=["bearer", token])


async def _ws_first_message(token):
    """A connection authenticated by its first message."""
    comm = _ws("/ws/live/")
    connected, _ = await comm.connect()
    assert connected
    await comm.send_json_to({"type": "auth", "token": token})
    assert await comm.receive_json_from(timeout=5) == {"type": "authenticated"}
    return comm


async def _receive(comm, count, timeout=5.0):
    """Exactly ``count`` messages, then silence (a timeout inside receive would end the app,
    so the expected count comes from the database first)."""
    got = [await comm.receive_json_from(timeout=timeout) for _ in range(count)]
    assert await comm.receive_nothing(timeout=0.5), "a listener received more than it may"
    return got


def _expected(client_a, client_b):
    events = list(Event.objects.all())
    return {
        "team": sorted(str(e.pk) for e in events),
        "a": sorted(str(e.pk) for e in events if e.client_id == client_a.pk and e.client_visible),
        "b": sorted(str(e.pk) for e in events if e.client_id == client_b.pk and e.client_visible),
    }


def _changes(client_a, client_b, admin):
    client_set_status(client=client_a, status=ClientStatus.INACTIVE, actor=admin)
    shoot_create(client=client_a, actor=admin, location="Main St", **_shoot_times())
    shoot_create(client=client_b, actor=admin, location="Harbour", **_shoot_times())
    task_create(name="Staff only", actor=admin, client=client_a)


def _shoot_times():
    from datetime import timedelta

    from django.utils import timezone

    return {"shoot_start": timezone.now() + timedelta(days=2), "duration": timedelta(hours=1)}


@pytest.mark.django_db(transaction=True)
def test_staff_and_two_clients_each_receive_exactly_what_they_may(
    isolated_layer, admin_user, team_user, client_a, client_b, client_a_user, client_b_user
):
    tokens = {
        name: str(AccessToken.for_user(user))
        for name, user in {"team": team_user, "a": client_a_user, "b": client_b_user}.items()
    }

    async def scenario():
        comms = {name: _ws_bearer(tokens[name]) for name in ("team", "b")}
        for comm in comms.values():
            connected, _ = await comm.connect()
            assert connected
        comms["a"] = await _ws_first_message(tokens["a"])
        await database_sync_to_async(_changes)(client_a, client_b, admin_user)
        expected = await database_sync_to_async(_expected)(client_a, client_b)
        received = {name: await _receive(comm, len(expected[name])) for name, comm in comms.items()}
        for comm in comms.values():
            await comm.disconnect()
        return expected, received

    expected, received = run_async(scenario)
    assert len(expected["team"]) >= 4
    assert expected["a"]
    assert expected["b"]
    ids = {name: sorted(m["id"] for m in msgs) for name, msgs in received.items()}
    assert ids == expected
    assert "task.created" not in {m["type"] for m in received["a"]}
    assert "client.status_changed" not in {m["type"] for m in received["a"]}
    assert {m["type"] for m in received["b"]} >= {"shoot.created"}
    assert not set(ids["a"]) & set(ids["b"])
    message = received["a"][0]
    assert set(message) == {"id", "type", "occurred_at", "actor", "data"}


@pytest.mark.django_db(transaction=True)
def test_session_cookie_authenticates_and_anonymous_or_foreign_origin_is_refused(
    isolated_layer, team_user, client_a
):
    browser = DjangoClient()
    browser.force_login(team_user)
    cookie = (b"cookie", f"sessionid={browser.cookies['sessionid'].value}".encode())

    async def scenario():
        ok = _ws("/ws/live/", headers=(ORIGIN, cookie))
        assert (await ok.connect())[0]
        await database_sync_to_async(client_set_status)(
            client=client_a, status=ClientStatus.INACTIVE
        )
        got = [await ok.receive_json_from(timeout=5)]
        await ok.disconnect()
        anonymous = _ws("/ws/live/")
        assert (await anonymous.connect())[0]  # it may still authenticate by message
        await anonymous.send_json_to({"type": "ping"})
        assert await anonymous.receive_output(timeout=5) == {
            "type": "websocket.close",
            "code": 4401,
        }
        bad_token = _ws_bearer("not-a-jwt")
        assert not (await bad_token.connect())[0]
        foreign = _ws("/ws/live/", headers=((b"origin", b"http://evil.example"), cookie))
        assert not (await foreign.connect())[0]
        return got

    got = run_async(scenario)
    assert "client.status_changed" in {m["type"] for m in got}


@pytest.mark.django_db(transaction=True)
def test_inactive_user_token_is_refused(isolated_layer, client_a_user):
    token = str(AccessToken.for_user(client_a_user))
    client_a_user.is_active = False
    client_a_user.save()

    async def scenario():
        return (await _ws_bearer(token).connect())[0]

    assert run_async(scenario) is False


@pytest.mark.django_db(transaction=True)
def test_user_deactivated_while_connected_stops_receiving(
    isolated_layer, settings, team_user, client_a
):
    settings.LIVE_RECHECK_SECONDS = 0
    token = str(AccessToken.for_user(team_user))

    def deactivate():
        type(team_user).objects.filter(pk=team_user.pk).update(is_active=False)
        client_set_status(client=client_a, status=ClientStatus.INACTIVE)

    async def scenario():
        comm = _ws_bearer(token)
        assert (await comm.connect())[0]
        await database_sync_to_async(deactivate)()
        return await comm.receive_output(timeout=5)

    closed = run_async(scenario)
    assert closed == {"type": "websocket.close", "code": 4401}


CLOSED = {"type": "websocket.close", "code": 4401}


@pytest.mark.django_db(transaction=True)
def test_the_bearer_subprotocol_is_selected_and_the_token_never_echoed(isolated_layer, team_user):
    token = str(AccessToken.for_user(team_user))

    async def scenario():
        comm = _ws_bearer(token)
        connected, subprotocol = await comm.connect()
        await comm.send_json_to({"type": "ping"})
        pong = await comm.receive_json_from(timeout=5)
        await comm.disconnect()
        return connected, subprotocol, pong

    assert run_async(scenario) == (True, "bearer", {"type": "pong"})


@pytest.mark.django_db(transaction=True)
def test_first_message_auth_hears_events_and_a_bad_one_is_closed(
    isolated_layer, client_a, client_a_user, admin_user
):
    token = str(AccessToken.for_user(client_a_user))

    async def scenario():
        comm = await _ws_first_message(token)
        await database_sync_to_async(shoot_create)(
            client=client_a, actor=admin_user, location="Main St", **_shoot_times()
        )
        heard = await comm.receive_json_from(timeout=5)
        await comm.disconnect()
        outcomes = []
        for first in (
            {"type": "auth", "token": "not-a-jwt"},
            {"type": "auth"},
            {"type": "auth", "token": ["x"]},
            {"token": token},
            ["auth", token],
        ):
            bad = _ws("/ws/live/")
            assert (await bad.connect())[0]
            await bad.send_json_to(first)
            outcomes.append(await bad.receive_output(timeout=5))
        garbage = _ws("/ws/live/")
        assert (await garbage.connect())[0]
        await garbage.send_to(text_data="{not json")
        outcomes.append(await garbage.receive_output(timeout=5))
        return heard, outcomes

    heard, outcomes = run_async(scenario)
    assert heard["type"] == "shoot.created"
    assert outcomes == [CLOSED] * 6


@pytest.mark.django_db(transaction=True)
def test_a_connection_that_never_authenticates_is_closed(isolated_layer, monkeypatch, team_user):
    from localbzz.events.consumers import LiveConsumer

    monkeypatch.setattr(LiveConsumer, "auth_timeout", 0.2)

    async def scenario():
        comm = _ws("/ws/live/")
        assert (await comm.connect())[0]
        return await comm.receive_output(timeout=5)

    assert run_async(scenario) == CLOSED


@pytest.mark.django_db(transaction=True)
def test_a_token_in_the_query_string_is_refused_even_when_valid(isolated_layer, team_user):
    """Tokens in URLs end up in access logs: ``?token=`` is not accepted (README)."""
    token = str(AccessToken.for_user(team_user))

    async def scenario():
        return (await _ws(f"/ws/live/?token={token}").connect())[0]

    assert run_async(scenario) is False


async def _until_bell(comm, tries=200, timeout=5.0) -> bool:
    """Reads messages until the bell's ``{"type": "notifications"}`` (True) or silence."""
    for _ in range(tries):
        if await comm.receive_nothing(timeout=timeout):
            return False
        if await comm.receive_json_from(timeout=timeout) == {"type": "notifications"}:
            return True
    return False


@pytest.mark.django_db(transaction=True)
def test_the_notified_person_hears_that_their_bell_changed_and_no_one_else(
    events_jobs, admin_user, team_user
):
    """Notifications are made after the live broadcast (``complete_dispatch``), so the
    person notified gets a ``notifications`` message of their own to refresh the bell.

    The layer is the configured one, unprefixed: the worker process must reach the same
    groups (a person's own group is unique, other processes' staff events are read past)."""
    tokens = {
        "team": str(AccessToken.for_user(team_user)),
        "admin": str(AccessToken.for_user(admin_user)),
    }

    def assign():
        task_create(name="Colour grade", actor=admin_user, assignees=[team_user.team_member])

    async def scenario():
        comms = {name: _ws_bearer(token) for name, token in tokens.items()}
        for comm in comms.values():
            connected, _ = await comm.connect()
            assert connected
        await database_sync_to_async(assign)()
        heard = {name: await _until_bell(comm, timeout=3.0) for name, comm in comms.items()}
        for comm in comms.values():
            await comm.disconnect()
        return heard

    assert run_async(scenario) == {"team": True, "admin": False}
