"""API representation of tasks and time entries."""

from django.db.models import Sum
from rest_framework import serializers

from clients.models import Client
from deliverables.models import Deliverable
from localbzz.accounts.permissions import Action
from localbzz.api.serializers import ServiceSerializer, request_user
from shoots.models import Shoot
from tasks.models import Task, TimeEntry
from team.models import TeamMember


class TimeLoggedField(serializers.DurationField):
    """Total finished time on the task: the selector's annotation, else one aggregate."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        if hasattr(instance, "time_logged"):
            return instance.time_logged
        return instance.time_entries.aggregate(total=Sum("duration"))["total"]

    def to_representation(self, value):
        return None if value is None else super().to_representation(value)


class TaskSerializer(ServiceSerializer):
    """A task with its assignees (``assignee_ids``) and the total time logged on it."""

    client_id = serializers.UUIDField(required=False, allow_null=True)
    shoot_id = serializers.UUIDField(required=False, allow_null=True)
    deliverable_id = serializers.UUIDField(required=False, allow_null=True)
    assignee_ids = serializers.PrimaryKeyRelatedField(
        source="assignees",
        many=True,
        required=False,
        queryset=TeamMember.objects.all(),
        pk_field=serializers.UUIDField(),
    )
    time_logged = TimeLoggedField(allow_null=True)
    attachments_count = serializers.IntegerField(read_only=True)

    related_ids = {  # noqa: RUF012
        "client_id": (Client, "client"),
        "shoot_id": (Shoot, "shoot"),
        "deliverable_id": (Deliverable, "deliverable"),
    }

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
            "time_logged",
            "completed_at",
            "created_at",
            "updated_at",
            "attachments_count",
        ]
        read_only_fields = ["id", "completed_at", "created_at", "updated_at"]
        extra_kwargs = {"estimated_minutes": {"max_value": 100000}}  # noqa: RUF012

    def get_fields(self):
        fields = super().get_fields()
        user = request_user(self)
        if user is not None:
            fields["assignee_ids"].child_relation.queryset = TeamMember.objects.visible_to(
                user, Action.VIEW
            )
        return fields


class TimeEntrySerializer(serializers.ModelSerializer):
    """Time logged on a task (a running timer while ``ended_at`` is null)."""

    task_id = serializers.UUIDField(read_only=True)
    user_id = serializers.UUIDField(read_only=True)
    user_email = serializers.EmailField(source="user.email", read_only=True)
    is_running = serializers.BooleanField(read_only=True)

    class Meta:
        model = TimeEntry
        fields = [
            "id",
            "task_id",
            "user_id",
            "user_email",
            "started_at",
            "ended_at",
            "duration",
            "note",
            "is_running",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]
        extra_kwargs = {"started_at": {"required": True}}  # noqa: RUF012


class TimerSerializer(serializers.Serializer):
    """Starting or stopping a timer: an optional note."""

    note = serializers.CharField(required=False, allow_blank=True, max_length=500)
