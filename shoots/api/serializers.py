"""API representation of shoots."""

from rest_framework import serializers

from clients.models import Client
from localbzz.accounts.permissions import Action
from localbzz.api.serializers import ServiceSerializer, request_user
from shoots.models import Shoot, ShootAssignment
from team.models import RoleName, TeamMember


class ShootAssignmentSerializer(serializers.ModelSerializer):
    """One crew member of a shoot and the role they play there."""

    team_member_id = serializers.UUIDField()
    name = serializers.CharField(source="team_member.name", read_only=True)
    role = serializers.ChoiceField(choices=RoleName.choices)

    class Meta:
        model = ShootAssignment
        fields = ["team_member_id", "name", "role"]


class ShootSerializer(ServiceSerializer):
    """A shoot with its crew (``team``: a list of ``{team_member_id, role}``)."""

    client_id = serializers.UUIDField()
    team = ShootAssignmentSerializer(source="assignments", many=True, required=False)
    #: how many files the staff attached (client users see none of them, nor the count)
    attachments_count = serializers.IntegerField(read_only=True)
    allow_overlap = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text=(
            "Book the crew even when one of them is on another shoot at an overlapping time. "
            "Without it such a write answers 409 with the conflicts in `details.conflicts`."
        ),
    )
    staff_only_read_fields = ("attachments_count",)

    related_ids = {"client_id": (Client, "client")}  # noqa: RUF012

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
            "attachments_count",
            "allow_overlap",
        ]
        read_only_fields = ["id", "shoot_end", "created_at", "updated_at"]

    def validate_team(self, value):
        ids = [item.get("team_member_id") for item in value]
        if None in ids:
            raise serializers.ValidationError("Each crew entry needs a team_member_id.")
        if len(set(ids)) != len(ids):
            raise serializers.ValidationError("A team member is on the crew twice.")
        user = request_user(self)
        members = {
            m.pk: m for m in TeamMember.objects.visible_to(user, Action.VIEW).filter(pk__in=ids)
        }
        missing = [str(i) for i in ids if i not in members]
        if missing:
            raise serializers.ValidationError(f"No team member with id {', '.join(missing)}.")
        default = RoleName.CONTENT_CREATOR
        return [(members[item["team_member_id"]], item.get("role", default)) for item in value]

    def service_data(self) -> dict:
        data = dict(self.validated_data)
        if "assignments" in data:
            data["crew"] = data.pop("assignments")
        return data
