"""Drive endpoints: ``GET /api/shoots/:id/drive-files`` and
``POST /api/deliverables/:id/drive-file {file_id}``."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.response import Response

from deliverables.api.serializers import DeliverableSerializer
from deliverables.selectors import deliverable_get
from deliverables.services import deliverable_update
from files.drive.client import (
    DriveAuthError,
    DriveError,
    DriveNotConnected,
    DriveTemporaryError,
    connected,
)
from files.drive.health import report_credential_problem
from files.drive.listing import folder_file, folder_files
from files.models import DriveFolder
from localbzz.accounts.permissions import Action, allows, is_staff_user
from localbzz.api.base import BaseAPIView
from localbzz.api.errors import Conflict
from shoots.models import Shoot


class DriveUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "Google Drive is not answering; try again in a minute."
    default_code = "drive_unavailable"


class DriveFileSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()
    mime_type = serializers.CharField()
    size = serializers.IntegerField(allow_null=True)
    thumbnail_link = serializers.URLField(allow_null=True)
    modified_time = serializers.CharField(allow_null=True, help_text="ISO 8601, as Google gives it")
    link = serializers.URLField()


class DriveListingSerializer(serializers.Serializer):
    connected = serializers.BooleanField()
    folder_id = serializers.CharField(allow_null=True)
    folder_link = serializers.URLField(allow_null=True)
    results = DriveFileSerializer(many=True)


class DriveFileChoiceSerializer(serializers.Serializer):
    file_id = serializers.RegexField(r"^[\w-]{10,200}$", max_length=200)


def _drive_call(fn, *args):
    """Runs a Drive read, answering 503 for Google's outages and refused credentials."""
    try:
        return fn(*args)
    except DriveNotConnected:
        raise Conflict("Google Drive is not connected.") from None
    except DriveAuthError as exc:
        report_credential_problem(str(exc))
        raise DriveUnavailable(
            "Google Drive refused our credential; the admins are told."
        ) from None
    except DriveTemporaryError:
        raise DriveUnavailable() from None


class ShootDriveFilesView(BaseAPIView):
    """The files of a shoot's Drive folder (staff), cached briefly."""

    @extend_schema(
        responses={200: DriveListingSerializer, 503: OpenApiResponse(description="Drive down")}
    )
    def get(self, request, pk):
        shoot = Shoot.objects.visible_to(request.user, Action.VIEW).filter(pk=pk).first()
        if shoot is None:
            raise Http404("No such shoot.")
        if not is_staff_user(request.user):
            raise PermissionDenied("The Drive folder is the team's.")
        folder = DriveFolder.objects.filter(shoot=shoot).first()
        body = {
            "connected": connected(),
            "folder_id": folder.folder_id if folder else None,
            "folder_link": folder.link if folder else None,
            "results": [],
        }
        if connected() and folder is not None:
            body["results"] = _drive_call(folder_files, folder.folder_id)
        return Response(DriveListingSerializer(body).data)


class DeliverableDriveFileView(BaseAPIView):
    """Points a deliverable's ``file_link`` at a file of its shoot's Drive folder."""

    @extend_schema(
        request=DriveFileChoiceSerializer,
        responses={
            200: DeliverableSerializer,
            409: OpenApiResponse(description="Drive not connected, or no shoot folder"),
            503: OpenApiResponse(description="Drive down"),
        },
    )
    def post(self, request, pk):
        deliverable = deliverable_get(user=request.user, pk=pk)
        if not allows(request.user, Action.CHANGE, deliverable):
            raise PermissionDenied("You may not change this deliverable.")
        choice = DriveFileChoiceSerializer(data=request.data)
        choice.is_valid(raise_exception=True)
        if not connected():
            raise Conflict("Google Drive is not connected.")
        folder = DriveFolder.objects.filter(shoot_id=deliverable.shoot_id).first()
        if deliverable.shoot_id is None or folder is None:
            raise Conflict("This deliverable's shoot has no Drive folder.")
        try:
            item = _drive_call(folder_file, folder.folder_id, choice.validated_data["file_id"])
        except DriveError as exc:
            raise ValidationError({"file_id": [str(exc)]}) from None
        deliverable_update(deliverable=deliverable, actor=request.user, file_link=item["link"])
        fresh = deliverable_get(user=request.user, pk=deliverable.pk)
        return Response(DeliverableSerializer(fresh, context={"request": request}).data)
