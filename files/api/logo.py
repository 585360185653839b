"""``GET|POST|DELETE /api/clients/:id/logo``: a client's logo, one image attachment.

GET answers the image itself (inline, for ``<img>``: the client representation's
``logo_url``), POST uploads or replaces it (the attachment checks, images only), DELETE
removes it. Whoever sees the client sees its logo; whoever may change the client changes it.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from files import selectors, services
from files.owners import LOGO_KIND, may_delete, may_view
from files.serving import serve

from .serializers import AttachmentSerializer, AttachmentUploadSerializer
from .views import _BINARY, OwnerAttachmentViewSet

_NOT_FOUND = OpenApiResponse(description="No such client, or it has no logo")


class ClientLogoViewSet(OwnerAttachmentViewSet):
    """The logo of one client (shown on its portal's header)."""

    kind = LOGO_KIND

    def perform_content_negotiation(self, request, force=False):
        # The image answers whatever the client accepts (an <img> asks for image/*).
        return super().perform_content_negotiation(request, force=True)

    def logo(self):
        logo = selectors.client_logo(self.owner())
        if logo is None:
            raise Http404("This client has no logo.")
        return logo

    @extend_schema(responses={**_BINARY, 404: _NOT_FOUND})
    def retrieve(self, request, *args, **kwargs):
        """The logo image (inline, ``nosniff``; cloud storage: a signed URL)."""
        if not may_view(request.user, self.owner()):
            raise Http404("No such client.")
        logo = self.logo()
        return serve(request, logo.key, logo.name, logo.content_type, inline=True)

    @extend_schema(
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={
            201: AttachmentSerializer,
            400: OpenApiResponse(description="Empty file, bad name or missing field"),
            413: OpenApiResponse(description="Larger than MAX_ATTACHMENT_SIZE"),
            415: OpenApiResponse(description="Not a .jpg, .png, .gif or .webp image"),
        },
    )
    def create(self, request, *args, **kwargs):
        """Uploads the logo, replacing the earlier one."""
        return super().create(request, *args, **kwargs)

    @extend_schema(responses={204: None, 404: _NOT_FOUND})
    def destroy(self, request, *args, **kwargs):
        """Removes the logo (the portal shows the client's initial again)."""
        if not may_delete(request.user, self.owner()):
            raise PermissionDenied("You may not change this client's logo.")
        services.attachment_delete(attachment=self.logo(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
