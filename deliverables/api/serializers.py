"""API representation of deliverables."""

from rest_framework import serializers

from clients.models import Client
from deliverables.models import Deliverable, ReviewDecision
from localbzz.api.serializers import ServiceSerializer
from shoots.models import Shoot
from team.models import TeamMember


class DeliverableSerializer(ServiceSerializer):
    """A deliverable; its client defaults to its shoot's client."""

    client_id = serializers.UUIDField(required=False)
    shoot_id = serializers.UUIDField(required=False, allow_null=True)
    assignee_id = serializers.UUIDField(required=False, allow_null=True)

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
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)
