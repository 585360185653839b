"""API representation of deliverables."""

from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from clients.models import Client
from deliverables.models import Deliverable, DeliverableReview, ReviewDecision
from localbzz.api.serializers import ServiceSerializer
from localbzz.validators import max_length_of
from shoots.models import Shoot
from team.models import TeamMember


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "A reel ready for the client's review",
            value={
                "id": "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b",
                "client_id": "0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d",
                "shoot_id": None,
                "title": "Spring menu reel",
                "deliverable_type": "Reel",
                "status": "Needs Review",
                "due_date": "2026-04-01",
                "file_link": "https://drive.example.com/file/abc",
                "caption": "Fresh from the oven.",
                "posting_instructions": "Post Friday 9:00",
                "assignee_id": None,
                "status_changed_at": "2026-03-28T10:15:00Z",
                "created_at": "2026-03-20T09:00:00Z",
                "updated_at": "2026-03-28T10:15:00Z",
            },
            response_only=True,
        )
    ]
)
class DeliverableSerializer(ServiceSerializer):
    """A deliverable; its client defaults to its shoot's client."""

    client_id = serializers.UUIDField(required=False)
    shoot_id = serializers.UUIDField(required=False, allow_null=True)
    assignee_id = serializers.UUIDField(required=False, allow_null=True)
    attachments_count = serializers.IntegerField(read_only=True)

    related_ids = {  # noqa: RUF012
        "client_id": (Client, "client"),
        "shoot_id": (Shoot, "shoot"),
        "assignee_id": (TeamMember, "assignee"),
    }

    class Meta:
        model = Deliverable
        fields = [
            "id",
            "client_id",
            "shoot_id",
            "title",
            "deliverable_type",
            "status",
            "due_date",
            "file_link",
            "caption",
            "posting_instructions",
            "assignee_id",
            "status_changed_at",
            "created_at",
            "updated_at",
            "attachments_count",
        ]
        read_only_fields = ["id", "status_changed_at", "created_at", "updated_at"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None and attrs.get("client") is None and attrs.get("shoot") is None:
            raise serializers.ValidationError({"client_id": ["Give a client_id or a shoot_id."]})
        return attrs


class DeliverableReviewSerializer(serializers.Serializer):
    """A client's decision on a deliverable in Needs Review."""

    decision = serializers.ChoiceField(choices=ReviewDecision.choices)
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=max_length_of(DeliverableReview, "comment"),
    )
