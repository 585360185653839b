"""``/api/calendar-feeds``: the caller's own ICS feeds (list, create, rotate, revoke)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from calendars import selectors, services
from calendars.models import CalendarFeed
from localbzz.api.base import PolicyViewSet

from .serializers import CalendarFeedSerializer


class CalendarFeedViewSet(
    PolicyViewSet, mixins.ListModelMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin
):
    """The caller's calendar feeds. ``POST`` answers the secret ``url`` once; ``rotate``
    replaces it (the old URL answers 404); ``DELETE`` revokes the feed."""

    policy_model = CalendarFeed
    selector = selectors.calendar_feed_list
    serializer_class = CalendarFeedSerializer
    ordering_fields = ("created_at",)
    ordering = ("-created_at",)
    policy_actions = {"rotate": "change"}  # noqa: RUF012
    delete_service = services.calendar_feed_revoke
    service_object = "feed"

    @extend_schema(
        responses={201: CalendarFeedSerializer, 400: OpenApiResponse(description="Bad scope")}
    )
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        feed, _token = services.calendar_feed_create(
            actor=request.user, **serializer.service_data()
        )
        data = self.get_serializer(feed).data
        return Response(
            data, status=status.HTTP_201_CREATED, headers=self.get_success_headers(data)
        )

    def get_success_headers(self, data) -> dict:
        return {}  # a feed has no detail route to point at

    @extend_schema(request=None, responses={200: CalendarFeedSerializer})
    @action(detail=True, methods=["post"])
    def rotate(self, request, pk=None):
        """A new secret URL for the feed; the old one answers 404 from now on."""
        feed = self.get_object()
        services.calendar_feed_rotate(feed=feed, actor=request.user)
        return Response(self.get_serializer(feed).data)
