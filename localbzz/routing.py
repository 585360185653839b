"""Websocket routes: the live event stream."""

from django.urls import path

from localbzz.events.consumers import LiveConsumer

websocket_urlpatterns: list = [
    path("ws/live/", LiveConsumer.as_asgi()),
]
