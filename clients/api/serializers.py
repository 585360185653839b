"""API representation of clients."""

from rest_framework import serializers

from clients.models import Client


class ClientSerializer(serializers.ModelSerializer):
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
