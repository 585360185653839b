"""API representation of client portal requests."""

from rest_framework import serializers

from localbzz.api.serializers import ServiceSerializer
from portal.models import ClientPortalRequest
from team.models import TeamMember


class ClientPortalRequestSerializer(ServiceSerializer):
    """A portal request; only staff set ``status`` and ``assigned_to_id``."""

    client_id = serializers.UUIDField(read_only=True)
    created_by_id = serializers.UUIDField(read_only=True, allow_null=True)
    assigned_to_id = serializers.UUIDField(required=False, allow_null=True)
    attachments_count = serializers.IntegerField(read_only=True)
    #: what the agency turned the request into (``POST .../convert``), else null
    converted_task_id = serializers.UUIDField(read_only=True, allow_null=True)
    converted_deliverable_id = serializers.UUIDField(read_only=True, allow_null=True)

    related_ids = {"assigned_to_id": (TeamMember, "assigned_to")}  # noqa: RUF012
    staff_only_fields = ("status", "assigned_to_id")
    #: a client never sees the team's tasks, nor their ids
    staff_only_read_fields = ("converted_task_id",)

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
            "attachments_count",
            "converted_task_id",
            "converted_deliverable_id",
            "converted_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at", "converted_at"]


class PortalRequestConvertSerializer(serializers.Serializer):
    """``into`` a task or a deliverable; ``title`` (default: the request's first line) and
    ``due_date`` optional."""

    into = serializers.ChoiceField(choices=[("task", "task"), ("deliverable", "deliverable")])
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    due_date = serializers.DateField(required=False, allow_null=True)
