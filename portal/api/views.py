"""Portal endpoints: /api/client-portal/:subdomain/... and staff's /api/portal-requests."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.response import Response

from clients.selectors import client_by_subdomain
from deliverables.api.serializers import DeliverableSerializer
from deliverables.filtersets import DeliverableFilterSet
from deliverables.models import Deliverable
from deliverables.selectors import deliverable_list
from localbzz.api.base import PolicyViewSet
from portal import selectors, services
from portal.filtersets import PortalRequestFilterSet
from portal.models import ClientPortalRequest

from .convert import ConvertMixin
from .serializers import ClientPortalRequestSerializer


class PortalRequestViewSet(
    ConvertMixin,
    PolicyViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
):
    """Portal requests across clients: staff list and update; a client user sees its own."""

    policy_model = ClientPortalRequest
    selector = selectors.portal_request_list
    serializer_class = ClientPortalRequestSerializer
    filterset_class = PortalRequestFilterSet
    ordering_fields = ("created_at", "updated_at", "priority", "status")
    ordering = ("-created_at",)
    update_service = services.portal_request_update
    service_object = "portal_request"
    policy_actions = {"convert": "change"}  # noqa: RUF012

    def update(self, request, *args, **kwargs):
        kwargs["partial"] = True
        return super().update(request, *args, **kwargs)


class _ClientPortalMixin:
    """The client of the ``subdomain`` in the path, if the user may see it (else 404)."""

    def portal_client(self):
        if not hasattr(self, "_portal_client"):
            self._portal_client = client_by_subdomain(
                user=self.request.user, subdomain=self.kwargs["subdomain"]
            )
        return self._portal_client


class ClientPortalRequestsViewSet(
    _ClientPortalMixin, PolicyViewSet, mixins.ListModelMixin, mixins.CreateModelMixin
):
    """A client's own portal requests: list them, send a new one."""

    policy_model = ClientPortalRequest
    serializer_class = ClientPortalRequestSerializer
    filterset_class = PortalRequestFilterSet
    ordering_fields = ("created_at", "updated_at", "priority", "status")
    ordering = ("-created_at",)
    create_service = services.portal_request_create

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ClientPortalRequest.objects.none()
        client = self.portal_client()
        return selectors.portal_request_list(user=self.request.user).filter(client=client)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.portal_client()  # 404 for an unknown or foreign subdomain, before anything else

    def service_kwargs(self, serializer) -> dict:
        return {**serializer.service_data(), "client": self.portal_client()}

    @extend_schema(responses={201: ClientPortalRequestSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        return Response(serializer.data, status=status.HTTP_201_CREATED)


class ClientPortalDeliverablesViewSet(_ClientPortalMixin, PolicyViewSet, mixins.ListModelMixin):
    """A client's deliverables as its portal shows them."""

    policy_model = Deliverable
    serializer_class = DeliverableSerializer
    filterset_class = DeliverableFilterSet
    ordering_fields = ("due_date", "status", "title", "created_at", "updated_at")
    ordering = ("due_date", "title")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Deliverable.objects.none()
        return deliverable_list(user=self.request.user).filter(client=self.portal_client())

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.portal_client()
