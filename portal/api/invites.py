"""POST /api/clients/:id/portal-users: staff invite a person to a client's portal."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from clients.selectors import client_get
from localbzz.accounts.permissions import Action
from portal.services import portal_base_url, portal_user_invite


class PortalUserInviteSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    full_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")


class PortalUserSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    role = serializers.CharField()
    client_id = serializers.UUIDField()
    invited = serializers.BooleanField(default=True)


class PortalUserInviteView(APIView):
    """Creates a client user (no password yet) and e-mails a one-time set-password link."""

    serializer_class = PortalUserInviteSerializer

    @extend_schema(
        request=PortalUserInviteSerializer,
        responses={201: PortalUserSerializer},
        summary="Invite a person to a client's portal (admin, team).",
        operation_id="client_portal_users_create",
    )
    def post(self, request, pk):
        # Inviting is changing the client (the dashboard's rule too): else 404, no enumeration.
        client = client_get(user=request.user, pk=pk, action=Action.CHANGE)
        serializer = PortalUserInviteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = portal_user_invite(
            client=client,
            email=serializer.validated_data["email"],
            full_name=serializer.validated_data["full_name"],
            actor=request.user,
            base_url=portal_base_url(client),
        )
        body = PortalUserSerializer(
            {
                "id": user.pk,
                "email": user.email,
                "full_name": user.full_name,
                "role": user.role,
                "client_id": user.client_id,
                "invited": True,
            }
        ).data
        return Response(body, status=status.HTTP_201_CREATED)
