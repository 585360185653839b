"""Serializers of the events API: events (the envelope), endpoints, deliveries."""

from rest_framework import serializers

from ..models import Notification, WebhookAttempt, WebhookDelivery, WebhookEndpoint


class EventSerializer(serializers.BaseSerializer):
    """An event is represented by its envelope, as in webhooks and on /ws/live/."""

    def to_representation(self, instance):
        return instance.envelope()


class WebhookEndpointSerializer(serializers.ModelSerializer):
    event_types = serializers.ListField(child=serializers.CharField(), allow_empty=False)

    class Meta:
        model = WebhookEndpoint
        fields = (
            "id",
            "url",
            "description",
            "event_types",
            "is_active",
            *WebhookEndpoint.HEALTH_FIELDS,
            "created_at",
            "updated_at",
        )
        read_only_fields = ("id", *WebhookEndpoint.HEALTH_FIELDS, "created_at", "updated_at")
        # URL and event types are validated by the model (SSRF guard, known types).
        extra_kwargs = {"url": {"validators": []}}


class WebhookEndpointWithSecretSerializer(WebhookEndpointSerializer):
    """The create and rotate answers: the only responses that carry the secret."""

    secret = serializers.CharField(read_only=True)

    class Meta(WebhookEndpointSerializer.Meta):
        fields = (*WebhookEndpointSerializer.Meta.fields, "secret")


class WebhookAttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookAttempt
        fields = ("at", "status_code", "duration_ms", "response_excerpt", "error", "manual")


class WebhookDeliverySerializer(serializers.ModelSerializer):
    event_id = serializers.UUIDField(read_only=True)
    event_type = serializers.CharField(source="event.type", read_only=True)
    endpoint_id = serializers.UUIDField(read_only=True)
    attempt_log = WebhookAttemptSerializer(many=True, read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = (
            "id",
            "endpoint_id",
            "event_id",
            "event_type",
            "status",
            "attempts",
            "next_attempt_at",
            "last_status_code",
            "last_error",
            "delivered_at",
            "created_at",
            "attempt_log",
        )


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ("id", "kind", "title", "body", "url", "read_at", "created_at", "event")
