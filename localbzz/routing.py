"""Websocket routes. The live event stream is added by the events app."""

websocket_urlpatterns: list = []
