"""Auth endpoints (JWT) and user management for admins."""

from datetime import UTC, datetime

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from localbzz.accounts import selectors, services
from localbzz.accounts.models import User
from localbzz.api.base import BaseAPIView, BodyLimitMixin, CRUDViewSet, DeprecatedMixin
from localbzz.api.throttling import ScopedRateThrottle
from localbzz.audit.trail import record

from .serializers import LogoutSerializer, MeSerializer, TokenPairSerializer, UserSerializer


class TokenView(BodyLimitMixin, TokenObtainPairView):
    """``{email, password, otp?}`` → ``{access, refresh}``."""

    throttle_classes = (ScopedRateThrottle,)
    throttle_scope = "auth"

    @extend_schema(
        responses={200: TokenPairSerializer},
        auth=[],
        description=(
            "400: the body is not an e-mail and a password. 401: wrong e-mail or password, or "
            "an inactive account; or the account signs in with a second factor and `otp` is "
            "missing or wrong (`error.details.otp` says which; admins must have one, team "
            "members who set one up too). 429 (with `Retry-After`): too many failed sign-ins "
            "for this account from this address (counted per account and address on every sign-in "
            "surface), or too many requests from this address."
        ),
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class TokenRefresh(BodyLimitMixin, TokenRefreshView):
    """``{refresh}`` → a new pair; the refresh token used is blacklisted (rotation)."""

    throttle_classes = (ScopedRateThrottle,)
    throttle_scope = "auth"

    @extend_schema(responses={200: TokenPairSerializer}, auth=[])
    @transaction.atomic
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class LogoutView(BaseAPIView):
    """Revokes a refresh token (blacklist); the access token expires on its own."""

    permission_classes = (permissions.AllowAny,)
    throttle_classes = (ScopedRateThrottle,)
    throttle_scope = "auth"

    @extend_schema(request=LogoutSerializer, responses={204: None}, auth=[])
    def post(self, request):
        body = LogoutSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            token = RefreshToken(body.validated_data["refresh"])
            token.blacklist()
        except TokenError as exc:
            from rest_framework.exceptions import ValidationError

            raise ValidationError({"refresh": [str(exc)]}) from exc
        user_id = str(token.payload.get(api_settings.USER_ID_CLAIM, ""))
        record("auth.token_revoked", object_type="accounts.user", object_id=user_id,
               request=request)  # fmt: skip
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(BaseAPIView):
    """The signed-in user."""

    @extend_schema(responses={200: MeSerializer})
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class DeprecatedUserView(DeprecatedMixin, MeView):
    """Deprecated alias of /api/auth/me (announces Deprecation and Sunset)."""

    deprecated_since = datetime(2026, 11, 1, tzinfo=UTC)
    sunset_at = datetime(2027, 6, 30, tzinfo=UTC)
    successor = "/api/auth/me"

    @extend_schema(responses={200: MeSerializer}, deprecated=True)
    def get(self, request):
        return super().get(request)


class UserViewSet(CRUDViewSet):
    """Users: admins create team and client users, change and remove them."""

    policy_model = User
    selector = selectors.user_list
    serializer_class = UserSerializer
    filterset_fields = ("role", "is_active")
    search_fields = ("email", "full_name")
    ordering_fields = ("email", "created_at")
    ordering = ("email",)
    create_service = services.user_create
    update_service = services.user_update
    delete_service = services.user_delete
    service_object = "user"
