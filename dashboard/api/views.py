"""/api/clients/:id/report: contracted vs delivered of a client's period, as JSON or a PDF."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from clients.selectors import client_get

from ..report import client_report, parse_period
from ..report_pdf import report_pdf

FORMATS = ("json", "pdf")


class FiguresSerializer(serializers.Serializer):
    planned = serializers.IntegerField(help_text="the content plan's targets for the period")
    produced = serializers.IntegerField(help_text="due in the period, in review or beyond")
    approved = serializers.IntegerField(help_text="Ready-To-Post or Delivered")
    posted = serializers.IntegerField(help_text="Delivered")
    overdue = serializers.IntegerField(help_text="open and past the due date")
    awaiting_client = serializers.IntegerField(help_text="in review (Needs Review)")


class ByTypeSerializer(serializers.Serializer):
    Reel = FiguresSerializer()
    Photo = FiguresSerializer()
    Carousel = FiguresSerializer()
    Other = FiguresSerializer()


class RiskSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=("behind_plan", "overdue", "awaiting_client"))
    count = serializers.IntegerField()
    message = serializers.CharField()


class ReportSerializer(FiguresSerializer):
    client_id = serializers.UUIDField()
    client = serializers.CharField(help_text="the client's name")
    period = serializers.CharField(help_text="YYYY-MM or YYYY-Qn")
    start = serializers.DateField()
    end = serializers.DateField(help_text="the period's last day")
    by_type = ByTypeSerializer()
    risks = RiskSerializer(many=True)


class _FormatFree(DefaultContentNegotiation):
    """``?format=`` names the report's format here (json or pdf), not a renderer."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ClientReportView(APIView):
    """Staff any client's report; a client user only its own (another client's is 404)."""

    content_negotiation_class = _FormatFree

    @extend_schema(
        operation_id="clients_report_retrieve",
        summary="Contracted vs delivered of a client's month or quarter",
        parameters=[
            OpenApiParameter(
                "period",
                str,
                description="YYYY-MM (a month) or YYYY-Qn (a quarter); default: this month",
            ),
            OpenApiParameter("format", str, enum=list(FORMATS), description="json (default)"),
        ],
        responses={
            (200, "application/json"): ReportSerializer,
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
        },
        tags=["clients"],
    )
    def get(self, request, pk):
        """The plan against what was produced, approved and posted, with risk flags."""
        client = client_get(user=request.user, pk=pk)
        fmt = request.query_params.get("format") or "json"
        if fmt not in FORMATS:
            raise ValidationError({"format": ["Use json or pdf."]})
        try:
            period = parse_period(request.query_params.get("period"))
        except ValueError as exc:
            raise ValidationError({"period": [str(exc)]}) from exc
        report = client_report(user=request.user, client=client, period=period)
        if fmt == "pdf":
            response = HttpResponse(report_pdf(report), content_type="application/pdf")
            name = f"report-{client.client_portal_subdomain or client.pk}-{period.label}.pdf"
            response["Content-Disposition"] = f'inline; filename="{name}"'
            return response
        return Response(ReportSerializer(report).data)
