"""API representation of deliverables."""

from rest_framework import serializers

from deliverables.models import Deliverable


class DeliverableSerializer(serializers.ModelSerializer):
    client_id = serializers.UUIDField(required=False)
    shoot_id = serializers.UUIDField(required=False, allow_null=True)
    assignee_id = serializers.UUIDField(required=False, allow_null=True)

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
