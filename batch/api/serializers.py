"""Shapes of the import request and report, for the OpenAPI schema."""

from rest_framework import serializers


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
