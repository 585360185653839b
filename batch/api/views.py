"""/api/<collection>/export and /api/<collection>/import (DESIGN.md §7)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from drf_spectacular.plumbing import build_array_type, build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotAuthenticated, PermissionDenied, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from localbzz.accounts.permissions import is_staff_user
from localbzz.api.errors import PayloadTooLarge, error_body

from ..collections import Collection
from ..exporting import export_response
from ..formats import FORMATS, FileError
from ..models import BatchJob
from ..services import import_upload, may_import
from .serializers import (
    BatchJobAcceptedSerializer,
    BatchJobSerializer,
    ImportFileSerializer,
    ImportRejectedSerializer,
    ImportReportSerializer,
)


class BatchPermission(BasePermission):
    """DESIGN §3: staff export everything; admins import every collection, the team shoots,
    deliverables and tasks; a client user finds no batch route at all (404)."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            raise NotAuthenticated()
        if not is_staff_user(user):
            raise Http404("No such page.")
        if view.importing and not may_import(user, view.collection):
            raise PermissionDenied("Only admins import this collection.")
        return True


class _FormatFree(DefaultContentNegotiation):
    """``?format=`` names the file's format here, not a renderer."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class BatchView(APIView):
    collection: Collection = None
    importing = False
    permission_classes = (BatchPermission,)
    content_negotiation_class = _FormatFree


class ExportView(BatchView):
    @extend_schema(
        summary="Export the list as a file",
        parameters=[
            OpenApiParameter("format", str, enum=list(FORMATS), description="csv (default)"),
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, "application/json"): OpenApiResponse(
                build_array_type(build_basic_type(OpenApiTypes.OBJECT))
            ),
            (200, FORMATS["xlsx"]): OpenApiResponse(OpenApiTypes.BINARY),
        },
    )
    def get(self, request, *args, **kwargs):
        """Every row the caller may see, filtered by the list's own parameters, in the API's
        field names, streamed as CSV, JSON or XLSX."""
        fmt = request.query_params.get("format", "csv")
        if fmt not in FORMATS:
            raise ValidationError({"format": [f"Use one of {', '.join(FORMATS)}."]})
        return export_response(self.collection, request, fmt)


class ImportView(BatchView):
    importing = True
    parser_classes = (MultiPartParser, FormParser)

    def initial(self, request, *args, **kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.BATCH_MAX_FILE_SIZE:
            raise PayloadTooLarge(f"Files up to {settings.BATCH_MAX_FILE_SIZE} bytes import.")
        super().initial(request, *args, **kwargs)

    @extend_schema(
        summary="Import a file into the collection",
        request={"multipart/form-data": ImportFileSerializer},
        parameters=[OpenApiParameter("dry_run", bool, description="validate only (default)")],
        responses={
            200: ImportReportSerializer,
            202: BatchJobAcceptedSerializer,
            400: ImportRejectedSerializer,
        },
    )
    def post(self, request, *args, **kwargs):
        """Validates every row with the API's serializer and writes them through the
        services, all or nothing; the report names every bad row (400 when any is bad).
        A file of more than ``BATCH_INLINE_ROWS`` rows is imported by a job: 202 with the
        job, followed at ``/api/batch-jobs/:id`` (its report is kept there)."""
        dry_run = request.query_params.get("dry_run", "true").lower() not in ("false", "0", "no")
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": ["Attach the file to import as 'file'."]})
        try:
            report = import_upload(
                collection=self.collection, request=request, upload=upload, dry_run=dry_run
            )
        except FileError as exc:
            raise ValidationError({"file": [str(exc)]}) from exc
        if isinstance(report, BatchJob):  # a large file: a job imports it
            location = reverse("api:batch-job-detail", kwargs={"pk": report.pk})
            return Response(
                {"job": BatchJobSerializer(report).data},
                status=status.HTTP_202_ACCEPTED,
                headers={"Location": location},
            )
        body = report.as_dict()
        if report.errors:
            message = f"{report.totals['invalid']} invalid rows; nothing was written."
            if not report.totals["invalid"]:
                message = "The file has errors; nothing was written."
            body = {**body, **error_body(request, 400, message, details=None)}
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return Response(body)
