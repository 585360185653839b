"""Shapes of the import request and report, for the OpenAPI schema."""

from rest_framework import serializers

from ..models import BatchJob


class ImportFileSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV (, or ;, BOM or not), a JSON list, or XLSX.")


class ImportTotalsSerializer(serializers.Serializer):
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    invalid = serializers.IntegerField()


class ImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="1 is the first data row; 0 the header")
    field = serializers.CharField()
    code = serializers.CharField()
    message = serializers.CharField()


class ImportReportSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    totals = ImportTotalsSerializer()
    errors = ImportErrorSerializer(many=True)


class ImportRejectedSerializer(serializers.Serializer):
    """A 400: the API error body, plus the report when the file could be read at all."""

    error = serializers.DictField(help_text="The API error body (code, message, details, …)")
    dry_run = serializers.BooleanField(required=False)
    totals = ImportTotalsSerializer(required=False)
    errors = ImportErrorSerializer(many=True, required=False)


class BatchJobSerializer(serializers.ModelSerializer):
    """An import running as a job: its state, progress and, once finished, its report."""

    user_id = serializers.UUIDField(read_only=True, allow_null=True)
    report = ImportReportSerializer(read_only=True, allow_null=True)

    class Meta:
        model = BatchJob
        fields = [
            "id",
            "collection",
            "dry_run",
            "file_name",
            "user_id",
            "status",
            "phase",
            "progress",
            "rows_total",
            "rows_done",
            "cancel_requested",
            "report",
            "error",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class BatchJobAcceptedSerializer(serializers.Serializer):
    """A 202: the file is imported by a job (``GET /api/batch-jobs/:id`` follows it)."""

    job = BatchJobSerializer()
