"""``POST /api/portal-requests/:id/convert``: the request becomes a task or a deliverable."""

from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from deliverables.api.serializers import DeliverableSerializer
from deliverables.selectors import deliverable_get
from localbzz.api.errors import Conflict
from portal import services
from tasks.api.serializers import TaskSerializer
from tasks.selectors import task_get

from .serializers import PortalRequestConvertSerializer

#: per ``into``: the new object's serializer, its selector, its API detail route
TARGETS = {
    "task": (TaskSerializer, task_get, "api:task-detail"),
    "deliverable": (DeliverableSerializer, deliverable_get, "api:deliverable-detail"),
}


class ConvertMixin:
    """The ``convert`` action of the portal request viewset (staff: change rights)."""

    @extend_schema(
        request=PortalRequestConvertSerializer,
        responses={
            201: PolymorphicProxySerializer(
                component_name="PortalRequestConverted",
                serializers=[TaskSerializer, DeliverableSerializer],
                resource_type_field_name=None,
            ),
            409: OpenApiResponse(description="The request was already converted"),
        },
    )
    @action(detail=True, methods=["post"])
    def convert(self, request, pk=None):
        """Turns the request into a task or a deliverable of its client: the answer is the
        new object as its own API shows it, with ``portal_request_id`` linking back."""
        portal_request = self.get_object()
        body = PortalRequestConvertSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            created = services.portal_request_convert(
                portal_request=portal_request, actor=request.user, **body.validated_data
            )
        except services.AlreadyConverted as exc:
            raise Conflict(exc.messages[0]) from None
        serializer, get, route = TARGETS[body.validated_data["into"]]
        created = get(user=request.user, pk=created.pk)
        shown = serializer(created, context=self.get_serializer_context()).data
        return Response(
            {**shown, "portal_request_id": str(portal_request.pk)},
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse(route, kwargs={"pk": created.pk})},
        )
