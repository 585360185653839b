"""API representation of form submissions."""

from rest_framework import serializers

from forms.models import BUSINESS_FIELDS, ApprovalStatus, FormSubmission
from localbzz.api.serializers import ServiceSerializer
from localbzz.validators import max_length_of

_FIELDS = [
    "contact_name",
    "email",
    "phone",
    *BUSINESS_FIELDS,
    "consent_to_contact",
]


class FormSubmissionSerializer(ServiceSerializer):
    """A submission as staff see it, with its approval state."""

    client_id = serializers.UUIDField(read_only=True, allow_null=True)
    reviewed_by_id = serializers.UUIDField(read_only=True, allow_null=True)
    social_handles = serializers.DictField(
        child=serializers.CharField(max_length=200), required=False
    )
    services_wanted = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False
    )

    class Meta:
        model = FormSubmission
        fields = [
            "id",
            *_FIELDS,
            "approval_status",
            "reviewed_by_id",
            "reviewed_at",
            "rejection_reason",
            "client_id",
            "consent_at",
            "consent_text",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "approval_status",
            "reviewed_at",
            "rejection_reason",
            "consent_at",
            "consent_text",
            "created_at",
            "updated_at",
        ]


class FormSubmissionCreateSerializer(FormSubmissionSerializer):
    """The public form. ``fax`` is a honeypot: people leave it empty, bots fill it."""

    fax = serializers.CharField(
        required=False, allow_blank=True, write_only=True, max_length=200, help_text="Leave empty."
    )

    consent_text = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=max_length_of(FormSubmission, "consent_text"),
        help_text="The consent wording the person was shown (stored with the consent's time).",
    )

    class Meta(FormSubmissionSerializer.Meta):
        fields = [*_FIELDS, "consent_text", "fax"]
        read_only_fields: list = []

    def service_data(self) -> dict:
        data = dict(self.validated_data)
        data.pop("fax", None)
        return data


class FormSubmissionReceiptSerializer(serializers.Serializer):
    """What the public form answers: the new id and a receipt, nothing else it stored."""

    id = serializers.UUIDField()
    status = serializers.ChoiceField(choices=["received"])
    message = serializers.CharField()


class RejectSerializer(serializers.Serializer):
    """Rejecting a submission needs a reason."""

    reason = serializers.CharField(max_length=max_length_of(FormSubmission, "rejection_reason"))


class ApprovalResultSerializer(serializers.Serializer):
    """The submission after approval and the Pitching client it created."""

    approval_status = serializers.ChoiceField(choices=ApprovalStatus.choices)
    client_id = serializers.UUIDField()
    submission = FormSubmissionSerializer()
