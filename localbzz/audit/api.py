"""``GET /api/audit`` (admins): the audit trail, with the page's filters (``type``, ``actor``,
``object_id``, ``since``, ``until``); a bad filter is a 400."""

from __future__ import annotations

from django.urls import re_path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.exceptions import ValidationError

from localbzz.accounts.permissions import is_admin_user
from localbzz.crypto import unseal

from .forms import AuditFilterForm
from .models import AuditEntry
from .selectors import audit_entries


class IsAdmin(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and is_admin_user(request.user))


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "occurred_at",
            "action",
            "actor_id",
            "actor_label",
            "actor_role",
            "object_type",
            "object_id",
            "request_id",
            "surface",
            "ip",
            "detail",
            "prev_hash",
            "hash",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["detail"] = unseal(data["detail"])  # encrypted contact fields, opened for admins
        return data


@extend_schema(
    parameters=[
        OpenApiParameter("type", str, description="An action or its prefix (`auth.`)."),
        OpenApiParameter("actor", str, description="Part of the actor's e-mail."),
        OpenApiParameter("object_id", str),
        OpenApiParameter("since", str, description="A date (YYYY-MM-DD), included."),
        OpenApiParameter("until", str, description="A date (YYYY-MM-DD), included."),
    ]
)
class AuditList(generics.ListAPIView):
    """The audit trail, newest first (admins only)."""

    permission_classes = (IsAdmin,)
    serializer_class = AuditEntrySerializer
    filter_backends = ()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AuditEntry.objects.none()
        form = AuditFilterForm(self.request.query_params)
        if not form.is_valid():
            raise ValidationError({f: list(e) for f, e in form.errors.items()})
        return audit_entries(self.request.user, form.cleaned_data)


urlpatterns = [re_path(r"^audit/?$", AuditList.as_view(), name="audit-list")]
