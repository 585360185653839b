"""API representation of shoots."""

from rest_framework import serializers

from shoots.models import Shoot, ShootAssignment
from team.models import RoleName


class ShootAssignmentSerializer(serializers.ModelSerializer):
    team_member_id = serializers.UUIDField()
    name = serializers.CharField(source="team_member.name", read_only=True)
    role = serializers.ChoiceField(choices=RoleName.choices)

    class Meta:
        model = ShootAssignment
        fields = ["team_member_id", "name", "role"]


class ShootSerializer(serializers.ModelSerializer):
    client_id = serializers.UUIDField()
    team = ShootAssignmentSerializer(source="assignments", many=True, required=False)

    class Meta:
        model = Shoot
        fields = [
            "id",
            "client_id",
            "title",
            "shoot_start",
            "duration",
            "shoot_end",
            "status",
            "location",
            "calendar_event_link",
            "drive_folder_link",
            "team",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "shoot_end", "created_at", "updated_at"]
