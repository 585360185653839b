"""API representation of clients."""

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import OpenApiExample, extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from clients.models import CONTENT_PLAN_FIELDS, Client
from localbzz.api.serializers import ServiceSerializer


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "A bakery on a monthly plan",
            value={
                "name": "Acme Bakery",
                "status": "Active",
                "primary_contact_name": "Ada Baker",
                "email": "ada@acmebakery.example",
                "client_portal_subdomain": "acme-bakery",
                "shoot_frequency": "Monthly",
                "default_reels": 4,
                "default_photos": 10,
                "default_carousels": 2,
                "services": ["Reels", "Photography"],
                "platforms": ["Instagram"],
            },
            request_only=True,
        )
    ]
)
class ClientSerializer(ServiceSerializer):
    """A client; staff write it, a client user reads its own."""

    staff_only_read_fields = ("notes",)  # the agency's own notes about the client

    services = serializers.ListField(child=serializers.CharField(max_length=100), required=False)
    platforms = serializers.ListField(child=serializers.CharField(max_length=100), required=False)
    #: the logo image (``GET /api/clients/:id/logo``), null without one
    logo_url = serializers.SerializerMethodField()

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
            *CONTENT_PLAN_FIELDS,
            "preferred_contact_method",
            "notes",
            "logo_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
        extra_kwargs = {  # noqa: RUF012
            "default_reels": {"max_value": 1000},
            "default_photos": {"max_value": 1000},
            "default_carousels": {"max_value": 1000},
        }

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_logo_url(self, obj):
        if "logo_attachment_pk" in obj.__dict__:  # annotated by the selector: no query
            has_logo = obj.logo_attachment_pk is not None
        else:  # a client a service returned (created, updated, an event's representation)
            has_logo = hasattr(obj, "logo_attachment")
        if not has_logo:
            return None
        path = reverse("api:client-logo", kwargs={"pk": obj.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else settings.SITE_URL + path
