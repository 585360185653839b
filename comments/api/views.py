"""``GET|POST /api/{deliverables|shoots|portal-requests}/:id/comments``."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from comments import selectors, services
from comments.models import Comment
from comments.owners import OwnerKind
from localbzz.accounts.permissions import Action, allows
from localbzz.api.base import BodyLimitMixin

from .serializers import CommentSerializer


class OwnerCommentViewSet(BodyLimitMixin, viewsets.GenericViewSet):
    """The comments of one deliverable, shoot or portal request (``kind``)."""

    kind: OwnerKind | None = None
    serializer_class = CommentSerializer
    filter_backends = ()  # a thread is read whole, oldest first

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Comment.objects.none()
        return selectors.owner_comments(user=self.request.user, owner=self.owner())

    def owner(self):
        if not hasattr(self, "_owner"):
            self._owner = selectors.comment_owner_get(
                user=self.request.user, kind=self.kind, pk=self.kwargs["pk"]
            )
        return self._owner

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not request.user or not request.user.is_authenticated:
            self.permission_denied(request)  # 401 with the challenge
        self.owner()  # a hidden or missing owner is a 404 before anything else
        if not allows(request.user, Action.for_method(request.method), Comment):
            raise PermissionDenied("You may not do this with comments.")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        responses={
            201: CommentSerializer,
            400: OpenApiResponse(description="Empty body, or a visibility not allowed"),
        }
    )
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.comment_create(
            actor=request.user, owner=self.owner(), **serializer.validated_data
        )
        comment = selectors.comment_list(user=request.user).get(pk=comment.pk)
        return Response(self.get_serializer(comment).data, status=status.HTTP_201_CREATED)


def owner_viewset(kind: OwnerKind) -> type:
    """The comments viewset of one owner kind."""
    name = f"{kind.model.__name__}CommentViewSet"
    doc = f"Comments on one {kind.model._meta.verbose_name}: client-visible or team-only."
    return type(name, (OwnerCommentViewSet,), {"kind": kind, "__doc__": doc})
