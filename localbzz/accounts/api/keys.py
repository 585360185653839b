"""/api/api-keys (admins): list, create (the key is in the answer once), revoke (DELETE)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from localbzz.accounts import api_keys
from localbzz.accounts.models import ApiKey, Role, User
from localbzz.accounts.permissions import scope
from localbzz.accounts.reauth import check_api_request
from localbzz.api.base import PolicyViewSet


class ApiKeySerializer(serializers.ModelSerializer):
    """A key as listed: never the key itself."""

    role = serializers.ChoiceField(choices=[Role.TEAM, Role.ADMIN], required=False)
    user = serializers.UUIDField(source="user_id", required=False)
    created_by = serializers.UUIDField(source="created_by_id", read_only=True, allow_null=True)

    class Meta:
        model = ApiKey
        fields = [
            "id",
            "name",
            "prefix",
            "role",
            "user",
            "created_by",
            "expires_at",
            "revoked_at",
            "last_used_at",
            "last_used_ip",
            "created_at",
        ]
        read_only_fields = ["id", "prefix", "revoked_at", "last_used_at", "last_used_ip"]


class NewApiKeySerializer(ApiKeySerializer):
    """The answer to a create: the key, shown this once."""

    key = serializers.CharField(read_only=True)

    class Meta(ApiKeySerializer.Meta):
        fields = [*ApiKeySerializer.Meta.fields, "key"]


def api_key_list(*, user):
    return scope(ApiKey.objects.all(), user).select_related(None)


class ApiKeyViewSet(PolicyViewSet, mixins.ListModelMixin):
    """API keys for integrators (admins only). DELETE revokes: the row stays, listed as revoked."""

    policy_model = ApiKey
    selector = api_key_list
    serializer_class = ApiKeySerializer
    filterset_fields = ("role", "user")
    ordering_fields = ("created_at", "name")
    ordering = ("-created_at",)

    @extend_schema(request=ApiKeySerializer, responses={201: NewApiKeySerializer})
    def create(self, request, *args, **kwargs):
        check_api_request(request)
        body = ApiKeySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        owner = request.user
        if data.get("user_id"):
            owner = User.objects.filter(pk=data["user_id"]).first()
            if owner is None:
                raise ValidationError({"user": ["No such user."]})
        try:
            key, raw = api_keys.api_key_create(
                actor=request.user,
                name=data["name"],
                role=data.get("role"),
                user=owner,
                expires_at=data.get("expires_at"),
            )
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
        key.key = raw
        answer = NewApiKeySerializer(key).data
        return Response(
            answer, status=status.HTTP_201_CREATED, headers=self.get_success_headers(answer)
        )

    @extend_schema(responses={204: None})
    def destroy(self, request, *args, **kwargs):
        api_keys.api_key_revoke(key=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
