"""Events API: /api/events, /api/webhooks (admin), deliveries, redelivery, notifications."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, generics, serializers, status
from rest_framework.parsers import FormParser
from rest_framework.response import Response
from rest_framework.views import APIView

from localbzz.accounts.permissions import Action, is_admin_user
from localbzz.accounts.reauth import check_api_request
from localbzz.api.parsers import ORJSONParser

from .. import services
from ..delivery import webhook_delivery_redeliver, webhook_endpoint_send_test
from ..models import Event, Notification, WebhookDelivery, WebhookEndpoint
from ..notifications import notifications_mark_read, preferences_for, save_preferences
from .serializers import (
    EventSerializer,
    NotificationSerializer,
    WebhookDeliverySerializer,
    WebhookEndpointSerializer,
    WebhookEndpointWithSecretSerializer,
)

MARK_READ = inline_serializer(
    "NotificationMarkRead", {"ids": serializers.ListField(child=serializers.UUIDField())}
)
MARKED = inline_serializer("NotificationsMarked", {"marked": serializers.IntegerField()})
PREFERENCES = inline_serializer(
    "NotificationPreferences",
    {"results": serializers.ListField(child=serializers.DictField())},
)


def _drf_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        return exceptions.ValidationError(exc.message_dict)
    return exceptions.ValidationError({"non_field_errors": exc.messages})


@extend_schema(
    parameters=[
        OpenApiParameter("after", str, description="Only events that followed this event id."),
        OpenApiParameter(
            "since",
            str,
            description="Only events after this ISO 8601 time (a page's render time).",
        ),
        OpenApiParameter(
            "type", str, description="Event type(s), comma separated; `prefix.*` for a family."
        ),
    ]
)
class EventList(generics.ListAPIView):
    """Events the caller may see, oldest first; ``after=<event id>`` returns what followed it.

    Staff see every event; a client user its own client's client-visible events.
    Filter with ``type`` (repeatable or comma separated; ``prefix.*`` matches a family) and
    ``since`` (an ISO 8601 time: what a page missed between its rendering and its socket).
    """

    serializer_class = EventSerializer
    filter_backends: list = []

    def get_queryset(self):
        qs = (
            Event.objects.visible_to(self.request.user, Action.VIEW)
            .select_related("actor")
            .order_by("occurred_at", "id")
        )
        params = self.request.query_params
        after = params.get("after")
        if after:
            try:
                ref = qs.filter(pk=uuid.UUID(after)).values("occurred_at", "id").first()
            except ValueError:
                ref = None
            if ref is None:
                raise exceptions.ValidationError({"after": "No such event."})
            qs = qs.filter(
                Q(occurred_at__gt=ref["occurred_at"])
                | Q(occurred_at=ref["occurred_at"], id__gt=ref["id"])
            )
        since = params.get("since")
        if since:
            try:
                moment = parse_datetime(since)
            except ValueError:
                moment = None
            if moment is None or moment.tzinfo is None:
                raise exceptions.ValidationError(
                    {"since": "An ISO 8601 time with its offset, e.g. 2026-11-24T21:00:00+00:00."}
                )
            qs = qs.filter(occurred_at__gt=moment)
        types = [t for value in params.getlist("type") for t in value.split(",") if t]
        if types:
            condition = Q()
            for t in types:
                if t.endswith(".*"):
                    condition |= Q(type__startswith=t[:-1])
                else:
                    condition |= Q(type=t)
            qs = qs.filter(condition)
        return qs


class AdminOnly:
    """Webhooks are for admins only: others get 403 on lists and 404 on objects."""

    def check_permissions(self, request):
        super().check_permissions(request)
        if not is_admin_user(request.user) and not getattr(self, "object_view", False):
            raise exceptions.PermissionDenied("Only admins manage webhooks.")

    def endpoint(self) -> WebhookEndpoint:
        return get_object_or_404(
            WebhookEndpoint.objects.visible_to(self.request.user, Action.VIEW),
            pk=self.kwargs["pk"],
        )


class WebhookList(AdminOnly, generics.ListCreateAPIView):
    """Webhook endpoints (admin): list and create. The create answer carries the secret."""

    serializer_class = WebhookEndpointSerializer
    filter_backends: list = []

    def get_queryset(self):
        return WebhookEndpoint.objects.visible_to(self.request.user, Action.VIEW).order_by(
            "-created_at"
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            endpoint = services.webhook_endpoint_create(
                actor=request.user, **serializer.validated_data
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(
            WebhookEndpointWithSecretSerializer(endpoint).data, status=status.HTTP_201_CREATED
        )


class WebhookDetail(AdminOnly, APIView):
    """One webhook endpoint (admin): read, change (PUT/PATCH, partial), delete."""

    object_view = True

    @extend_schema(responses=WebhookEndpointSerializer)
    def get(self, request, pk):
        return Response(WebhookEndpointSerializer(self.endpoint()).data)

    @extend_schema(request=WebhookEndpointSerializer, responses=WebhookEndpointSerializer)
    def put(self, request, pk):
        endpoint = self.endpoint()
        serializer = WebhookEndpointSerializer(endpoint, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        try:
            endpoint = services.webhook_endpoint_update(
                endpoint=endpoint, actor=request.user, **serializer.validated_data
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(WebhookEndpointSerializer(endpoint).data)

    @extend_schema(request=WebhookEndpointSerializer, responses=WebhookEndpointSerializer)
    def patch(self, request, pk):
        return self.put(request, pk)

    @extend_schema(responses={204: None})
    def delete(self, request, pk):
        services.webhook_endpoint_delete(endpoint=self.endpoint(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class WebhookRotateSecret(AdminOnly, APIView):
    """Replaces an endpoint's secret; the answer is the only time the new one is shown."""

    object_view = True

    @extend_schema(request=None, responses=WebhookEndpointWithSecretSerializer)
    def post(self, request, pk):
        check_api_request(request)  # a session call: a recent password (or code) first
        endpoint = self.endpoint()
        services.webhook_endpoint_rotate_secret(endpoint=endpoint, actor=request.user)
        return Response(WebhookEndpointWithSecretSerializer(endpoint).data)


class WebhookTest(AdminOnly, APIView):
    """Sends a ``webhook.test`` event to the endpoint now; answers the delivery and attempt."""

    object_view = True

    @extend_schema(request=None, responses=WebhookDeliverySerializer)
    def post(self, request, pk):
        try:
            delivery = webhook_endpoint_send_test(endpoint=self.endpoint(), actor=request.user)
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        delivery = (
            WebhookDelivery.objects.select_related("event")
            .prefetch_related("attempt_log")
            .get(pk=delivery.pk)
        )
        return Response(WebhookDeliverySerializer(delivery).data)


class WebhookDeliveryList(AdminOnly, generics.ListAPIView):
    """An endpoint's deliveries, newest first, each with its attempt log."""

    serializer_class = WebhookDeliverySerializer
    filter_backends: list = []
    object_view = True

    def get_queryset(self):
        endpoint = self.endpoint()
        qs = (
            WebhookDelivery.objects.visible_to(self.request.user, Action.VIEW)
            .filter(endpoint=endpoint)
            .select_related("event")
            .prefetch_related("attempt_log")
            .order_by("-created_at", "-id")
        )
        wanted = self.request.query_params.get("status")
        return qs.filter(status=wanted) if wanted else qs


class WebhookRedeliver(AdminOnly, APIView):
    """Starts a new attempt cycle for one delivery (queued; answers 202)."""

    object_view = True

    @extend_schema(request=None, responses={202: WebhookDeliverySerializer})
    def post(self, request, pk):
        delivery = get_object_or_404(
            WebhookDelivery.objects.visible_to(request.user, Action.VIEW), pk=pk
        )
        try:
            webhook_delivery_redeliver(delivery=delivery, actor=request.user)
        except DjangoValidationError as exc:
            raise exceptions.ValidationError({"non_field_errors": exc.messages}) from exc
        delivery = (
            WebhookDelivery.objects.select_related("event")
            .prefetch_related("attempt_log")
            .get(pk=delivery.pk)
        )
        return Response(WebhookDeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)


class NotificationList(generics.ListAPIView):
    """The caller's own notifications, newest first (``unread=true`` for unread only)."""

    serializer_class = NotificationSerializer
    filter_backends: list = []

    def get_queryset(self):
        qs = Notification.objects.visible_to(self.request.user, Action.VIEW)
        if self.request.query_params.get("unread") in ("1", "true"):
            qs = qs.filter(read_at__isnull=True)
        return qs

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        response.data["unread"] = Notification.objects.filter(
            user=request.user, read_at__isnull=True
        ).count()
        return response


class NotificationMarkRead(APIView):
    """Marks the caller's notifications read: ``{"ids": [...]}`` or all of them."""

    @extend_schema(request=MARK_READ, responses=MARKED)
    def post(self, request):
        ids = request.data.get("ids") if isinstance(request.data, dict) else None
        if ids is not None:
            try:
                ids = [uuid.UUID(str(i)) for i in ids]
            except (TypeError, ValueError) as exc:
                raise exceptions.ValidationError({"ids": "A list of notification ids."}) from exc
        count = notifications_mark_read(user=request.user, ids=ids)
        return Response({"marked": count})


class NotificationPreferences(APIView):
    """The caller's notification settings: GET them; POST a form or JSON of
    ``<kind>_in_app`` / ``<kind>_email`` booleans (a kind's missing field means off)."""

    # The preferences partial posts its form here with htmx (the API is routed on portal hosts).
    parser_classes = (ORJSONParser, FormParser)

    @extend_schema(responses=PREFERENCES)
    def get(self, request):
        return Response({"results": preferences_for(request.user)})

    @extend_schema(request=dict, responses=PREFERENCES)
    def post(self, request):
        if not hasattr(request.data, "items"):
            raise exceptions.ValidationError(
                {"non_field_errors": ["Send an object of <kind>_in_app / <kind>_email booleans."]}
            )
        data = {
            k: ("on" if v in (True, "on", "true", "1") else "")
            for k, v in dict(request.data.items()).items()
        }
        save_preferences(request.user, data)
        return Response({"results": preferences_for(request.user)})
