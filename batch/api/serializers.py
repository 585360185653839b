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
