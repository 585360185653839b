"""The live event stream: ``/ws/live/``, one message per event the user may see."""

from __future__ import annotations

import time
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.contrib.auth import get_user_model

from localbzz.api.authentication import user_for_access_token

from .fanout import groups_for_user


@database_sync_to_async
def _user_from_token(token: str):
    # The API's own checks: signature, expiry, active user, and the password claim (a token
    # from before a password change or reset is refused here too).
    return user_for_access_token(token)


@database_sync_to_async
def _groups(user) -> list[str]:
    return groups_for_user(user)


@database_sync_to_async
def _current_groups(user_id) -> list[str]:
    user = get_user_model().objects.filter(pk=user_id).first()
    return groups_for_user(user) if user is not None else []


class LiveConsumer(AsyncJsonWebsocketConsumer):
    """Authenticated by the session (AuthMiddlewareStack) or ``?token=<JWT access>``.

    Staff join the ``staff`` group; a client user joins its client's group, to which only
    that client's client-visible events are sent. Anonymous and inactive users are refused.
    """

    joined: list[str]

    async def connect(self):
        self.joined = []
        user = self.scope.get("user")
        query = parse_qs(self.scope.get("query_string", b"").decode())
        if query.get("token"):
            user = await _user_from_token(query["token"][0])
        groups = await _groups(user) if user is not None else []
        if not groups:
            await self.close(code=4401)
            return
        for group in groups:
            await self.channel_layer.group_add(group, self.channel_name)
        self.joined = groups
        self.user_id = user.pk
        self.checked_at = time.monotonic()
        await self.accept()

    async def disconnect(self, code):
        for group in self.joined:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        if content == {"type": "ping"}:
            await self.send_json({"type": "pong"})

    async def event_message(self, message):
        # A user deactivated (or whose role changed) while connected stops hearing events:
        # the account is re-read at most every LIVE_RECHECK_SECONDS.
        if time.monotonic() - self.checked_at >= settings.LIVE_RECHECK_SECONDS:
            self.checked_at = time.monotonic()
            if await _current_groups(self.user_id) != self.joined:
                await self.close(code=4401)
                return
        await self.send_json(message["event"])
