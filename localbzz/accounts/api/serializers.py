"""API representation of users and the auth endpoints' bodies."""

from rest_framework import serializers

from localbzz.accounts.models import Role, User
from localbzz.api.serializers import ServiceSerializer


def _related_model(field: str):
    """The model a user's foreign key points at, read from the field: the kernel names no app."""
    return User._meta.get_field(field).related_model


class UserSerializer(ServiceSerializer):
    """A user account; the password is write-only and validated."""

    password = serializers.CharField(
        write_only=True, max_length=128, style={"input_type": "password"}
    )
    role = serializers.ChoiceField(choices=Role.choices, default=Role.TEAM)
    client = serializers.UUIDField(required=False, allow_null=True, source="client_id")
    team_member = serializers.UUIDField(required=False, allow_null=True, source="team_member_id")

    @property
    def related_ids(self) -> dict:
        return {
            "client_id": (_related_model("client"), "client"),
            "team_member_id": (_related_model("team_member"), "team_member"),
        }

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "password",
            "full_name",
            "role",
            "client",
            "team_member",
            "time_zone",
            "is_active",
            "last_login",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "last_login", "created_at", "updated_at"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list):
            fields["password"].required = False
        return fields


class MeSerializer(serializers.ModelSerializer):
    """The signed-in user."""

    client = serializers.UUIDField(source="client_id", read_only=True, allow_null=True)
    team_member = serializers.UUIDField(source="team_member_id", read_only=True, allow_null=True)
    client_portal_subdomain = serializers.CharField(
        source="client.client_portal_subdomain", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "full_name",
            "role",
            "client",
            "client_portal_subdomain",
            "team_member",
            "time_zone",
        ]
        read_only_fields = fields


class LogoutSerializer(serializers.Serializer):
    """The refresh token to revoke."""

    refresh = serializers.CharField()


class TokenPairSerializer(serializers.Serializer):
    """An access token (short-lived) and a refresh token (rotating)."""

    access = serializers.CharField()
    refresh = serializers.CharField()
