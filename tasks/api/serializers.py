"""API representation of tasks."""

from rest_framework import serializers

from tasks.models import Task


class TaskSerializer(serializers.ModelSerializer):
    client_id = serializers.UUIDField(required=False, allow_null=True)
    shoot_id = serializers.UUIDField(required=False, allow_null=True)
    deliverable_id = serializers.UUIDField(required=False, allow_null=True)
    assignee_ids = serializers.PrimaryKeyRelatedField(
        source="assignees", many=True, read_only=True, pk_field=serializers.UUIDField()
    )

    class Meta:
        model = Task
        fields = [
            "id",
            "name",
            "description",
            "status",
            "priority",
            "assignee_ids",
            "due_date",
            "client_id",
            "shoot_id",
            "deliverable_id",
            "estimated_minutes",
            "completed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "completed_at", "created_at", "updated_at"]
