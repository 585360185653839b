"""``GET /api/usage`` (admins): requests, 4xx, 5xx and p95 latency per day per route, user or
API key (``?day=YYYY-MM-DD``, default today; ``?dimension=route|user|api_key``)."""

from __future__ import annotations

from django.urls import re_path
from django.utils import timezone
from django.utils.dateparse import parse_date
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.exceptions import ValidationError

from localbzz.accounts.permissions import is_admin_user

from .models import UsageDaily, UsageDimension


class IsAdmin(permissions.BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and is_admin_user(user))


class UsageSerializer(serializers.ModelSerializer):
    class Meta:
        model = UsageDaily
        fields = ["day", "dimension", "key", "requests", "client_errors", "server_errors", "p95_ms"]
        read_only_fields = fields


@extend_schema(
    parameters=[
        OpenApiParameter("day", str, description="YYYY-MM-DD (default: today, UTC)."),
        OpenApiParameter("dimension", str, enum=list(UsageDimension.values)),
    ]
)
class UsageList(generics.ListAPIView):
    """Usage statistics of one day, busiest first (admins only)."""

    permission_classes = (IsAdmin,)
    serializer_class = UsageSerializer
    filter_backends = ()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return UsageDaily.objects.none()
        params = self.request.query_params
        raw_day = params.get("day", "")
        try:
            day = parse_date(raw_day) if raw_day else timezone.now().date()
        except ValueError:
            day = None
        if day is None:
            raise ValidationError({"day": ["A date as YYYY-MM-DD."]})
        rows = UsageDaily.objects.filter(day=day).order_by("dimension", "-requests", "key")
        dimension = params.get("dimension", "")
        if dimension:
            if dimension not in UsageDimension.values:
                raise ValidationError(
                    {"dimension": [f"One of {', '.join(UsageDimension.values)}."]}
                )
            rows = rows.filter(dimension=dimension)
        return rows


urlpatterns = [re_path(r"^usage/?$", UsageList.as_view(), name="usage-list")]
