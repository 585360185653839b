"""API representation of attachments (DESIGN.md §6)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from files.models import Attachment


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else f"{settings.SITE_URL}{path}"


class AttachmentSerializer(serializers.ModelSerializer):
    """A stored file: its metadata and where to download it."""

    uploaded_by = serializers.UUIDField(source="uploaded_by_id", read_only=True, allow_null=True)
    owner_type = serializers.SerializerMethodField()
    owner_id = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "name",
            "size",
            "content_type",
            "sha256",
            "uploaded_by",
            "created_at",
            "download_url",
            "note",
            "version",
            "owner_type",
            "owner_id",
            "thumbnail_url",
        ]
        read_only_fields = fields

    def get_owner_type(self, obj) -> str:
        return obj.owner_field

    @extend_schema_field(serializers.UUIDField())
    def get_owner_id(self, obj):
        return obj.owner_id

    def get_download_url(self, obj) -> str:
        path = reverse("api:attachment-download", kwargs={"pk": obj.pk})
        return _absolute(self.context.get("request"), path)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_thumbnail_url(self, obj):
        if not obj.thumbnail_key:
            return None
        path = reverse("api:attachment-thumbnail", kwargs={"pk": obj.pk})
        return _absolute(self.context.get("request"), path)


class AttachmentUploadSerializer(serializers.Serializer):
    """``multipart/form-data``: the file and an optional note."""

    file = serializers.FileField(allow_empty_file=True, use_url=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")
