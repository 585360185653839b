"""Attachment endpoints (DESIGN.md §6).

- ``GET|POST /api/{deliverables|shoots|tasks|portal-requests}/:id/attachments``
- ``GET|DELETE /api/attachments/:id``
- ``GET /api/attachments/:id/download`` (``/thumbnail`` and ``/preview`` for the pages);
  local files answer HTTP ranges (206 / 416, ``files/serving.py``)
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from files import selectors, services
from files.models import Attachment
from files.owners import OwnerKind, may_upload, may_view
from files.serving import serve
from files.sniffing import INLINE_TYPES, UploadRejected
from files.uploads import AttachmentUploadHandler, body_limit
from localbzz.api.base import PolicyViewSet
from localbzz.api.errors import PayloadTooLarge
from localbzz.audit.trail import record_read

from .serializers import AttachmentSerializer, AttachmentUploadSerializer


class Rejected(APIException):
    """An upload refused by the checks, with their status (400, 413, 415)."""

    def __init__(self, rejection: UploadRejected):
        self.status_code = rejection.status
        super().__init__(rejection.message, rejection.code)


class OwnerAttachmentViewSet(viewsets.GenericViewSet):
    """The files of one deliverable, shoot, task or portal request (``kind``)."""

    kind: OwnerKind | None = None
    serializer_class = AttachmentSerializer
    parser_classes = (MultiPartParser,)

    def initial(self, request, *args, **kwargs):
        # Before authentication: a session's CSRF check reads the form, so the upload
        # handler must be in place first; a declared body over the limit is refused unread.
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > body_limit():
            raise PayloadTooLarge(f"The upload is larger than {body_limit()} bytes.")
        if request.method == "POST":
            request._request.upload_handlers = [AttachmentUploadHandler(request._request)]
        super().initial(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Attachment.objects.none()
        return selectors.owner_attachments(self.owner())

    def owner(self):
        if not hasattr(self, "_owner"):
            self._owner = selectors.owner_get(
                user=self.request.user, kind=self.kind, pk=self.kwargs["pk"]
            )
        return self._owner

    def list(self, request, *args, **kwargs):
        if not may_view(request.user, self.owner()):
            raise PermissionDenied("You may not see these files.")
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={
            201: AttachmentSerializer,
            400: OpenApiResponse(description="Empty file, bad name or missing field"),
            413: OpenApiResponse(description="Larger than MAX_ATTACHMENT_SIZE"),
            415: OpenApiResponse(description="Type not accepted or content not agreeing"),
        },
    )
    def create(self, request, *args, **kwargs):
        owner = self.owner()
        if not may_upload(request.user, owner):
            raise PermissionDenied("You may not add files here.")
        data = request.data  # parses the upload: streamed to a temporary file
        if any(getattr(h, "too_large", False) for h in request._request.upload_handlers):
            raise PayloadTooLarge("The file is larger than the attachment limit.")
        upload = AttachmentUploadSerializer(data=data)
        upload.is_valid(raise_exception=True)
        try:
            attachment = services.attachment_create(
                actor=request.user,
                owner=owner,
                upload=upload.validated_data["file"],
                note=upload.validated_data["note"],
            )
        except UploadRejected as rejection:
            raise Rejected(rejection) from None
        body = self.get_serializer(attachment).data
        return Response(
            body,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:attachment-detail", kwargs={"pk": attachment.pk})},
        )


def owner_viewset(kind: OwnerKind) -> type:
    """The attachments viewset of one owner kind."""
    name = f"{kind.model.__name__}AttachmentViewSet"
    doc = f"Files of one {kind.model._meta.verbose_name}."
    return type(name, (OwnerAttachmentViewSet,), {"kind": kind, "__doc__": doc})


_BINARY = {
    200: OpenApiResponse(OpenApiTypes.BINARY),
    206: OpenApiResponse(OpenApiTypes.BINARY, description="The requested byte range"),
    302: OpenApiResponse(description="Cloud storage: a short-lived signed URL"),
    416: OpenApiResponse(description="A byte range the file cannot answer"),
}


class AttachmentViewSet(PolicyViewSet, mixins.RetrieveModelMixin, mixins.DestroyModelMixin):
    """One attachment: its metadata, its bytes, its deletion."""

    policy_model = Attachment
    selector = selectors.attachment_list
    serializer_class = AttachmentSerializer
    delete_service = services.attachment_delete
    service_object = "attachment"

    def perform_content_negotiation(self, request, force=False):
        # Files answer whatever the client accepts; errors still render as JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(responses=_BINARY)
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """The bytes, as a download (``Content-Disposition: attachment``)."""
        attachment = self.get_object()
        record_read("attachment.downloaded", request=request, object_type="files.attachment",
                    object_id=attachment.pk, detail={"name": attachment.name})  # fmt: skip
        return serve(
            request, attachment.key, attachment.name, attachment.content_type, inline=False
        )

    @extend_schema(responses=_BINARY)
    @action(detail=True, methods=["get"])
    def preview(self, request, pk=None):
        """An image or a video shown inline in the pages (never markup: 404 for other kinds)."""
        attachment = self.get_object()
        if attachment.content_type not in INLINE_TYPES:
            raise Http404("No preview for this kind of file.")
        return serve(request, attachment.key, attachment.name, attachment.content_type, inline=True)

    @extend_schema(responses=_BINARY)
    @action(detail=True, methods=["get"])
    def thumbnail(self, request, pk=None):
        """The JPEG thumbnail of an image (404 until it is made)."""
        attachment = self.get_object()
        if not attachment.thumbnail_key:
            raise Http404("No thumbnail.")
        name = f"{attachment.name.rpartition('.')[0] or attachment.name}-thumbnail.jpg"
        return serve(request, attachment.thumbnail_key, name, "image/jpeg", inline=True)
