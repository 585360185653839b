"""API representation of calendar feeds (never the token's hash)."""

from rest_framework import serializers

from calendars.models import CalendarFeed, FeedScope
from clients.models import Client
from localbzz.api.serializers import ServiceSerializer


class CalendarFeedSerializer(ServiceSerializer):
    """A feed: ``url`` holds the secret URL only in the answer that made or rotated it (the
    server keeps a keyed hash, not the token); lists show ``token_prefix`` to tell feeds apart."""

    scope = serializers.ChoiceField(choices=FeedScope.choices)
    client_id = serializers.UUIDField(required=False, allow_null=True)
    url = serializers.SerializerMethodField()

    related_ids = {"client_id": (Client, "client")}  # noqa: RUF012

    class Meta:
        model = CalendarFeed
        fields = ["id", "scope", "client_id", "url", "token_prefix", "created_at"]
        read_only_fields = ["id", "token_prefix", "created_at"]

    def get_url(self, obj) -> str | None:
        return getattr(obj, "feed_url", None)
