"""``GET /api/privacy/export?email=`` and ``POST /api/privacy/erase {email}`` (admins).

The export is a sensitive read: it is recorded in the audit trail (``privacy.exported``).
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.urls import re_path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from localbzz.accounts.reauth import check_api_request
from localbzz.api.base import BaseAPIView
from localbzz.privacy import erase_person, export_person

from .api import IsAdmin
from .trail import record


class EmailSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


def export_and_record(email: str, request) -> dict:
    bundle = export_person(email)
    record(
        "privacy.exported",
        actor=request.user,
        detail={
            "email": bundle["email"],
            "sections": {k: len(v) for k, v in bundle["data"].items()},
        },
        request=request,
    )
    return bundle


def personal_data_download(email: str, request) -> HttpResponse:
    """The export as a JSON file (the privacy page and the user's admin page), audited."""
    bundle = export_and_record(email, request)
    response = HttpResponse(
        json.dumps(bundle, cls=DjangoJSONEncoder, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
    response["Cache-Control"] = "no-store"
    return response


class PrivacyExport(BaseAPIView):
    """Everything held about a person, as one JSON document (admins; the read is audited)."""

    permission_classes = (IsAdmin,)

    @extend_schema(
        parameters=[OpenApiParameter("email", str, required=True)], responses={200: dict}
    )
    def get(self, request):
        check_api_request(request)
        body = EmailSerializer(data=request.query_params)
        body.is_valid(raise_exception=True)
        return Response(export_and_record(body.validated_data["email"], request))


class PrivacyErase(BaseAPIView):
    """Anonymises the person everywhere, keeps business records; idempotent (admins)."""

    permission_classes = (IsAdmin,)

    @extend_schema(request=EmailSerializer, responses={200: dict})
    def post(self, request):
        check_api_request(request)
        body = EmailSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return Response(erase_person(body.validated_data["email"], actor=request.user))


urlpatterns = [
    re_path(r"^privacy/export/?$", PrivacyExport.as_view(), name="privacy-export"),
    re_path(r"^privacy/erase/?$", PrivacyErase.as_view(), name="privacy-erase"),
]
