"""API representation of client portal requests."""

from rest_framework import serializers

from portal.models import ClientPortalRequest


class ClientPortalRequestSerializer(serializers.ModelSerializer):
    client_id = serializers.UUIDField(read_only=True)
    created_by_id = serializers.UUIDField(read_only=True)
    assigned_to_id = serializers.UUIDField(required=False, allow_null=True)

    class Meta:
        model = ClientPortalRequest
        fields = [
            "id",
            "client_id",
            "content",
            "request_type",
            "priority",
            "topic",
            "status",
            "created_by_id",
            "assigned_to_id",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
