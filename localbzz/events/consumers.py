"""The live event stream: ``/ws/live/``, one message per event the user may see.

Three ways in, none of which puts a token in a URL (URLs end up in access logs):

- the session cookie (the dashboard's pages, ``static/js/live.js``);
- the subprotocol ``bearer`` followed by a JWT access token, as a browser's
  ``new WebSocket(url, ["bearer", token])`` sends it (``Sec-WebSocket-Protocol: bearer,
  <token>``); the server selects ``bearer`` and never echoes the token;
- a first message ``{"type": "auth", "token": "<JWT access>"}`` within ``auth_timeout``
  seconds of connecting, answered by ``{"type": "authenticated"}``.

``?token=`` is refused (close code 4401) so that no client keeps sending it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.contrib.auth import get_user_model

from localbzz.api.authentication import user_for_access_token

from .fanout import groups_for_user

SUBPROTOCOL = "bearer"
UNAUTHORIZED = 4401


@database_sync_to_async
def _user_from_token(token) -> object | None:
    return user_for_access_token(token) if isinstance(token, str) and token else None


@database_sync_to_async
def _groups(user) -> list[str]:
    return groups_for_user(user)


@database_sync_to_async
def _current_groups(user_id) -> list[str]:
    user = get_user_model().objects.filter(pk=user_id).first()
    return groups_for_user(user) if user is not None else []


class LiveConsumer(AsyncJsonWebsocketConsumer):
    """Staff join the ``staff`` group; a client user joins its client's group, to which only
    that client's client-visible events are sent. Anonymous and inactive users hear nothing
    and are closed with 4401.
    """

    #: seconds a connection without a session may take to send its auth message
    auth_timeout = 10.0

    joined: list[str]
    user_id = None

    async def connect(self):
        self.joined = []
        self._deadline = None
        if "token" in parse_qs(self.scope.get("query_string", b"").decode(errors="replace")):
            await self.close(code=UNAUTHORIZED)
            return
        protocols = self.scope.get("subprotocols") or []
        if protocols[:1] == [SUBPROTOCOL]:
            user = await _user_from_token(protocols[1] if len(protocols) == 2 else None)
            groups = await _groups(user) if user is not None else []
            if not groups:
                await self.close(code=UNAUTHORIZED)
                return
            await self.accept(subprotocol=SUBPROTOCOL)
            await self._join(user, groups)
            return
        user = self.scope.get("user")
        groups = await _groups(user) if user is not None else []
        await self.accept()
        if groups:
            await self._join(user, groups)
        else:
            self._deadline = asyncio.ensure_future(self._close_unless_authenticated())

    async def _join(self, user, groups: list[str]) -> None:
        for group in groups:
            await self.channel_layer.group_add(group, self.channel_name)
        self.joined = groups
        self.user_id = user.pk
        self.checked_at = time.monotonic()

    async def _close_unless_authenticated(self) -> None:
        await asyncio.sleep(self.auth_timeout)
        if self.user_id is None:
            await self.close(code=UNAUTHORIZED)

    async def disconnect(self, code):
        if self._deadline is not None:
            self._deadline.cancel()
        for group in self.joined:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data:
            await self.receive_json(await self.decode_json(text_data))
        elif self.user_id is None:
            await self.close(code=UNAUTHORIZED)

    @classmethod
    async def decode_json(cls, text_data):
        with contextlib.suppress(ValueError):
            return json.loads(text_data)
        return None

    async def receive_json(self, content, **kwargs):
        if self.user_id is None:
            await self._authenticate(content)
        elif content == {"type": "ping"}:
            await self.send_json({"type": "pong"})

    async def _authenticate(self, content) -> None:
        """The first message of a connection without a session: ``{"type": "auth",
        "token": ...}``; anything else, or a token that does not sign in, closes it."""
        is_auth = isinstance(content, dict) and content.get("type") == "auth"
        user = await _user_from_token(content.get("token")) if is_auth else None
        groups = await _groups(user) if user is not None else []
        if not groups:
            await self.close(code=UNAUTHORIZED)
            return
        if self._deadline is not None:
            self._deadline.cancel()
        await self._join(user, groups)
        await self.send_json({"type": "authenticated"})

    async def notifications_changed(self, message):
        """This person's notifications changed: the page refreshes its bell."""
        await self.send_json({"type": "notifications"})

    async def event_message(self, message):
        # A user deactivated (or whose role changed) while connected stops hearing events:
        # the account is re-read at most every LIVE_RECHECK_SECONDS.
        if time.monotonic() - self.checked_at >= settings.LIVE_RECHECK_SECONDS:
            self.checked_at = time.monotonic()
            if await _current_groups(self.user_id) != self.joined:
                await self.close(code=UNAUTHORIZED)
                return
        # The envelope comes encoded once by the sender (``fanout.broadcast``).
        text = message.get("text")
        await self.send(text_data=text) if text else await self.send_json(message["event"])
