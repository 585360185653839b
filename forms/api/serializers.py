"""API representation of form submissions."""

from rest_framework import serializers

from forms.models import FormSubmission


class FormSubmissionSerializer(serializers.ModelSerializer):
    client_id = serializers.UUIDField(read_only=True)
    reviewed_by_id = serializers.UUIDField(read_only=True)

    class Meta:
        model = FormSubmission
        fields = [
            "id",
            "contact_name",
            "email",
            "phone",
            "business_name",
            "website",
            "industry",
            "location",
            "social_handles",
            "services_wanted",
            "budget",
            "message",
            "consent_to_contact",
            "approval_status",
            "reviewed_by_id",
            "reviewed_at",
            "rejection_reason",
            "client_id",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "approval_status",
            "reviewed_at",
            "rejection_reason",
            "created_at",
            "updated_at",
        ]
