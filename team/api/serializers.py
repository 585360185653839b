"""API representation of team members."""

from rest_framework import serializers

from team.models import RoleName, TeamMember


class TeamMemberSerializer(serializers.ModelSerializer):
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=RoleName.choices), source="role_names", required=False
    )

    class Meta:
        model = TeamMember
        fields = ["id", "name", "email", "phone", "roles", "is_active", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]
