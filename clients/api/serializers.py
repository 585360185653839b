"""API representation of clients."""

from rest_framework import serializers

from clients.models import Client
from localbzz.api.serializers import ServiceSerializer


class ClientSerializer(ServiceSerializer):
    """A client; staff write it, a client user reads its own."""

    services = serializers.ListField(child=serializers.CharField(max_length=100), required=False)
    platforms = serializers.ListField(child=serializers.CharField(max_length=100), required=False)

    class Meta:
        model = Client
        fields = [
            "id",
            "name",
            "status",
            "primary_contact_name",
            "email",
            "phone",
            "client_portal_subdomain",
            "shoot_frequency",
            "default_reels",
            "default_photos",
            "default_carousels",
            "services",
            "platforms",
            "preferred_contact_method",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
        extra_kwargs = {  # noqa: RUF012
            "default_reels": {"max_value": 1000},
            "default_photos": {"max_value": 1000},
            "default_carousels": {"max_value": 1000},
        }
