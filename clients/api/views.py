"""Client endpoints: /api/clients and /api/clients/:id."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from clients import planner, selectors, services
from clients.filtersets import ClientFilterSet
from clients.models import Client
from localbzz.accounts.permissions import Action
from localbzz.api.base import CRUDViewSet

from .planning import PlanAppliedSerializer, PlanPeriodSerializer, PlanSerializer
from .serializers import ClientSerializer


class ClientViewSet(CRUDViewSet):
    """Clients: admins all, team read and update, a client user its own profile."""

    policy_model = Client
    selector = selectors.client_list
    serializer_class = ClientSerializer
    filterset_class = ClientFilterSet
    ordering_fields = ("name", "status", "created_at", "updated_at")
    ordering = ("name",)
    create_service = services.client_create
    update_service = services.client_update
    delete_service = services.client_delete
    service_object = "client"
    policy_actions = {"plan": Action.CHANGE}  # noqa: RUF012 - staff who update the client

    @extend_schema(
        methods=["GET"],
        parameters=[OpenApiParameter("period", str, description="YYYY-MM (default: next month)")],
        responses={200: PlanSerializer},
    )
    @extend_schema(
        methods=["POST"], request=PlanPeriodSerializer, responses={200: PlanAppliedSerializer}
    )
    @action(detail=True, methods=["get", "post"])
    def plan(self, request, pk=None):
        """The cadence plan of a period: GET previews it, POST creates what it misses
        (idempotent: what exists in the period counts towards the plan)."""
        client = self.get_object()
        body = request.data if hasattr(request.data, "get") else {}
        text = body.get("period") if request.method == "POST" else None
        text = text or request.query_params.get("period")
        try:
            month = planner.parse_month(text) if text else planner.next_month()
        except ValueError as exc:
            raise ValidationError({"period": [str(exc)]}) from exc
        if request.method == "GET":
            return Response(planner.plan(client=client, month=month, user=request.user))
        return Response(
            planner.plan_apply(client=client, month=month, user=request.user, actor=request.user)
        )
