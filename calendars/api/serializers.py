"""API representation of calendar feeds (never the token's hash)."""

from rest_framework import serializers

from calendars.models import CalendarFeed, FeedScope
from calendars.services import feed_url
from clients.models import Client
from localbzz.api.serializers import ServiceSerializer


class CalendarFeedSerializer(ServiceSerializer):
    """A feed: ``url`` is its secret URL, shown to its owner only (null for anyone else, in
    event payloads and once revoked); ``token_prefix`` tells feeds apart."""

    scope = serializers.ChoiceField(choices=FeedScope.choices)
    client_id = serializers.UUIDField(required=False, allow_null=True)
    url = serializers.SerializerMethodField()

    related_ids = {"client_id": (Client, "client")}  # noqa: RUF012

    class Meta:
        model = CalendarFeed
        fields = ["id", "scope", "client_id", "url", "token_prefix", "created_at"]
        read_only_fields = ["id", "token_prefix", "created_at"]

    def get_url(self, obj) -> str | None:
        request = self.context.get("request")
        owner = request is not None and request.user.pk == obj.user_id
        if not owner or obj.revoked_at is not None or not obj.token:
            return None
        return feed_url(obj.token)
