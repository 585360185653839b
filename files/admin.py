"""Admin screen for attachments: find, inspect, download and delete (through the service).

Files are added on the pages and through the API, where every upload check runs; the admin
adds none and changes no stored bytes.
"""

from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html

from localbzz.admin import ServiceAdmin

from .models import Attachment
from .services import attachment_delete


@admin.register(Attachment)
class AttachmentAdmin(ServiceAdmin):
    delete_service = attachment_delete
    update_kwarg = "attachment"

    list_display = (
        "name",
        "owner_link",
        "human_size",
        "content_type",
        "version",
        "uploaded_by",
        "created_at",
        "download",
    )
    list_filter = ("content_type", "created_at")
    list_select_related = (
        "deliverable",
        "shoot",
        "task",
        "portal_request",
        "client",
        "uploaded_by",
    )
    search_fields = ("name", "sha256", "note", "uploaded_by__email")
    date_hierarchy = "created_at"
    fields = (
        "name",
        "owner_link",
        "human_size",
        "content_type",
        "sha256",
        "version",
        "note",
        "uploaded_by",
        "key",
        "thumbnail_key",
        "created_at",
        "download",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="owner")
    def owner_link(self, obj):
        owner = obj.owner
        label = f"{owner._meta.verbose_name}: {owner}"
        url = reverse(
            f"admin:{owner._meta.app_label}_{owner._meta.model_name}_change", args=[owner.pk]
        )
        return format_html('<a href="{}">{}</a>', url, label)

    @admin.display(description="size", ordering="size")
    def human_size(self, obj):
        return filesizeformat(obj.size)

    @admin.display(description="file")
    def download(self, obj):
        url = reverse("api:attachment-download", args=[obj.pk])
        return format_html('<a href="{}">Download</a>', url)
