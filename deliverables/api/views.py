"""Deliverable endpoints: /api/deliverables, /api/deliverables/:id, /review."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from deliverables import selectors, services
from deliverables.filtersets import DeliverableFilterSet
from deliverables.models import Deliverable, DeliverableStatus
from localbzz.accounts.permissions import Action, allows
from localbzz.api.base import CRUDViewSet
from localbzz.api.errors import Conflict

from .serializers import DeliverableReviewSerializer, DeliverableSerializer


class DeliverableViewSet(CRUDViewSet):
    """Deliverables: staff all, a client user reads its own and reviews those in Needs Review."""

    policy_model = Deliverable
    selector = selectors.deliverable_list
    serializer_class = DeliverableSerializer
    filterset_class = DeliverableFilterSet
    ordering_fields = ("due_date", "status", "title", "created_at", "updated_at")
    ordering = ("due_date", "title")
    create_service = services.deliverable_create
    update_service = services.deliverable_update
    delete_service = services.deliverable_delete
    service_object = "deliverable"
    policy_actions = {"review": Action.REVIEW}  # noqa: RUF012

    @extend_schema(request=DeliverableReviewSerializer, responses={200: DeliverableSerializer})
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """A client user approves a deliverable in Needs Review or asks for changes.

        A deliverable its client may see but that is not in Needs Review is a conflict with
        its current state (409), not a permission matter.
        """
        deliverable = get_object_or_404(self.get_queryset(), pk=pk)
        reviewer = allows(request.user, Action.REVIEW, Deliverable)
        if reviewer and deliverable.status != DeliverableStatus.NEEDS_REVIEW:
            raise Conflict(
                f"Only a deliverable in Needs Review can be reviewed; this one is "
                f"{deliverable.status}."
            )
        self.check_object_permissions(request, deliverable)
        serializer = DeliverableReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.deliverable_review(
            deliverable=deliverable, actor=request.user, **serializer.validated_data
        )
        return Response(DeliverableSerializer(self.refetch(deliverable)).data)
