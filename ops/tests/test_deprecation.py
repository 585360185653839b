"""``localbzz.api.deprecation.deprecated``: a deprecated operation announces itself in its
headers (success and error answers alike) and in the schema; its siblings do not."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import path
from drf_spectacular.generators import SchemaGenerator
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory

from localbzz.api.base import BaseAPIView
from localbzz.api.deprecation import deprecated

SINCE = datetime(2026, 12, 1, tzinfo=UTC)
SUNSET = datetime(2027, 6, 30, tzinfo=UTC)


class Things(BaseAPIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    @deprecated(since=SINCE, sunset=SUNSET, successor="/api/new-things")
    def get(self, request):
        if request.query_params.get("fail"):
            raise exceptions.ValidationError({"fail": ["Bad value."]})
        return Response({"ok": True})

    def post(self, request):
        return Response({"ok": True}, status=201)


class Gadgets(viewsets.ViewSet):
    permission_classes = [AllowAny]
    authentication_classes = []

    def list(self, request):
        return Response([])

    @deprecated(since=SINCE, sunset=SUNSET)
    @action(detail=False, methods=["get"])
    def legacy(self, request):
        return Response([])


def call(method: str, query: str = ""):
    request = getattr(APIRequestFactory(), method)(f"/things{query}")
    return Things.as_view()(request)


def test_a_deprecated_operation_sends_deprecation_sunset_and_link():
    response = call("get")
    assert response.status_code == 200
    assert response["Deprecation"] == f"@{int(SINCE.timestamp())}"
    assert response["Sunset"] == "Wed, 30 Jun 2027 00:00:00 GMT"
    assert response["Link"] == '</api/new-things>; rel="successor-version"'


def test_its_error_answers_announce_it_too():
    response = call("get", "?fail=1")
    assert response.status_code == 400
    assert "Sunset" in response


def test_other_operations_of_the_same_path_do_not():
    response = call("post")
    assert response.status_code == 201
    assert "Deprecation" not in response
    assert "Sunset" not in response


def test_an_action_is_marked_and_answers_with_the_headers():
    response = Gadgets.as_view({"get": "legacy"})(APIRequestFactory().get("/gadgets/legacy"))
    assert response.status_code == 200
    assert response["Sunset"] == "Wed, 30 Jun 2027 00:00:00 GMT"
    assert "Link" not in response


def test_the_schema_says_deprecated_for_those_operations_only():
    patterns = [
        path("things", Things.as_view()),
        path("gadgets", Gadgets.as_view({"get": "list"})),
        path("gadgets/legacy", Gadgets.as_view({"get": "legacy"})),
    ]
    paths = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)["paths"]
    assert paths["/things"]["get"]["deprecated"] is True
    assert "deprecated" not in paths["/things"]["post"]
    assert paths["/gadgets/legacy"]["get"]["deprecated"] is True
    assert "deprecated" not in paths["/gadgets"]["get"]


def test_dates_must_be_aware_and_in_order():
    with pytest.raises(ValueError, match="aware"):
        deprecated(since=datetime(2026, 1, 1), sunset=SUNSET)  # noqa: DTZ001
    with pytest.raises(ValueError, match="after"):
        deprecated(since=SUNSET, sunset=SINCE)
