"""API representation of team members."""

from rest_framework import serializers

from localbzz.api.serializers import ServiceSerializer
from team.models import RoleName, TeamMember


class TeamMemberSerializer(ServiceSerializer):
    """A team member with role names (``Editor``, ``Scheduler``, ``Content Creator``)."""

    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=RoleName.choices),
        source="role_names",
        required=False,
        max_length=len(RoleName.choices),
    )

    class Meta:
        model = TeamMember
        fields = ["id", "name", "email", "phone", "roles", "is_active", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]

    def service_data(self) -> dict:
        data = dict(self.validated_data)
        if "role_names" in data:
            data["roles"] = data.pop("role_names")
        return data


class TeamMemberNameSerializer(serializers.ModelSerializer):
    """What a client user sees of the people on its shoots: names and roles."""

    roles = serializers.ListField(child=serializers.CharField(), source="role_names")

    class Meta:
        model = TeamMember
        fields = ["id", "name", "roles"]
        read_only_fields = fields
