"""Form submission endpoints: staff read and edit, the public submits, approve / reject."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from forms import selectors, services
from forms.filtersets import FormSubmissionFilterSet
from forms.models import FormSubmission
from localbzz.accounts.permissions import Action
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
    search_fields = None  # ``search`` is one of the FilterSet's filters
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
        responses={201: FormSubmissionReceiptSerializer},
        auth=[],
    )
    def create(self, request, *args, **kwargs):
        """The public enquiry form. Answers a receipt only, never stored data."""
        serializer = FormSubmissionCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        if not serializer.validated_data.get("fax"):
            services.form_submission_create(actor=request.user, **serializer.service_data())
        # A filled honeypot gets the same answer, and nothing is stored.
        return Response(RECEIPT, status=status.HTTP_201_CREATED)

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
