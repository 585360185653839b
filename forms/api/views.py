"""Form submission endpoints: staff read and edit, the public submits, approve / reject."""

import uuid

from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from forms import selectors, services
from forms.filtersets import FormSubmissionFilterSet
from forms.models import FormSubmission
from localbzz.accounts.permissions import Action, allows
from localbzz.api.base import PolicyViewSet
from localbzz.api.throttling import ScopedRateThrottle

from .serializers import (
    ApprovalResultSerializer,
    FormSubmissionCreateSerializer,
    FormSubmissionReceiptSerializer,
    FormSubmissionSerializer,
    RejectSerializer,
)

RECEIPT = {"status": "received", "message": "Thank you, we will be in touch soon."}


class FormSubmissionThrottle(ScopedRateThrottle):
    """Per-address limit on the public form (POST only)."""

    scope_attr = "throttle_scope"

    def allow_request(self, request, view):
        if request.method != "POST" or getattr(view, "action", None) != "create":
            return True
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class FormSubmissionViewSet(
    PolicyViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
):
    """Submissions: the public creates, team reads / updates / approves, admins all."""

    policy_model = FormSubmission
    selector = selectors.form_submission_list
    serializer_class = FormSubmissionSerializer
    filterset_class = FormSubmissionFilterSet
    ordering_fields = ("created_at", "updated_at", "business_name", "approval_status")
    ordering = ("-created_at",)
    update_service = services.form_submission_update
    service_object = "submission"
    throttle_scope = "form_submission"
    policy_actions = {"approve": Action.APPROVE, "reject": Action.APPROVE}  # noqa: RUF012

    def get_throttles(self):
        return [*super().get_throttles(), FormSubmissionThrottle()]

    def update(self, request, *args, **kwargs):
        kwargs["partial"] = True
        return super().update(request, *args, **kwargs)

    @extend_schema(
        request=FormSubmissionCreateSerializer,
        responses={
            201: OpenApiResponse(
                PolymorphicProxySerializer(
                    component_name="FormSubmissionCreated",
                    serializers=[FormSubmissionReceiptSerializer, FormSubmissionSerializer],
                    resource_type_field_name=None,
                ),
                description="A receipt (`id`, `status`, `message`) for the public; the "
                "submission as a GET shows it for staff and integrators.",
            )
        },
        parameters=[
            OpenApiParameter(
                "Location",
                str,
                OpenApiParameter.HEADER,
                response=[201],
                description="The new submission's URL.",
            )
        ],
        auth=[],
    )
    def create(self, request, *args, **kwargs):
        """The public enquiry form. The public gets a receipt with the new id, nothing else
        it stored; staff and integrators (who may read submissions) get the submission."""
        serializer = FormSubmissionCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        if serializer.validated_data.get("fax"):
            # A filled honeypot gets the same answer with a made-up id, and nothing is stored.
            return self._created({"id": str(uuid.uuid4()), **RECEIPT})
        submission = services.form_submission_create(
            actor=request.user, **serializer.service_data()
        )
        if allows(request.user, Action.VIEW, FormSubmission):
            data = FormSubmissionSerializer(self.refetch(submission)).data
            return self._created(data)
        return self._created({"id": str(submission.pk), **RECEIPT})

    def _created(self, data) -> Response:
        return Response(
            data, status=status.HTTP_201_CREATED, headers=self.get_success_headers(data)
        )

    @extend_schema(request=None, responses={200: ApprovalResultSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approves a submission: a Pitching client is created (once)."""
        submission = self.get_object()
        client = services.form_submission_approve(submission=submission, actor=request.user)
        submission = self.refetch(submission)
        return Response(
            {
                "approval_status": submission.approval_status,
                "client_id": client.pk,
                "submission": FormSubmissionSerializer(submission).data,
            }
        )

    @extend_schema(request=RejectSerializer, responses={200: FormSubmissionSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Rejects a pending submission with a reason."""
        submission = self.get_object()
        body = RejectSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.form_submission_reject(
            submission=submission, actor=request.user, reason=body.validated_data["reason"]
        )
        return Response(FormSubmissionSerializer(self.refetch(submission)).data)
