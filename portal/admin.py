"""Admin screen for client portal requests and their reply threads."""

from django.contrib import admin

from localbzz.admin import SelectRelatedInline, ServiceAdmin, ServiceSet, status_action

from . import services
from .models import ClientPortalRequest, PortalRequestReply, RequestStatus
from .services import portal_request_update


class PortalRequestReplyInline(SelectRelatedInline, admin.StackedInline):
    model = PortalRequestReply
    fields = ("author", "body", "created_at")
    readonly_fields = ("created_at",)
    autocomplete_fields = ("author",)
    extra = 0
    select_related = ("author",)


def _portal_request_set_status(*, portal_request, status, actor=None):
    """Moves a request to New, Working or Done through the update service."""
    return portal_request_update(portal_request=portal_request, actor=actor, status=status)


@admin.register(ClientPortalRequest)
class ClientPortalRequestAdmin(ServiceAdmin):
    services = ServiceSet.named(services, "portal_request")

    list_display = (
        "__str__",
        "client",
        "request_type",
        "topic",
        "priority",
        "status",
        "assigned_to",
        "created_by",
        "created_at",
    )
    list_filter = ("status", "priority", "request_type", "topic", "assigned_to")
    list_select_related = ("client", "assigned_to", "created_by")
    search_fields = ("content", "client__name", "client__client_portal_subdomain")
    date_hierarchy = "created_at"
    autocomplete_fields = ("client", "assigned_to")
    # created_by is the portal user who wrote it (the admin, for requests added here).
    readonly_fields = ("created_by", "created_at", "updated_at")
    inlines = (PortalRequestReplyInline,)
    actions = [
        status_action(_portal_request_set_status, "portal_request", status, "request")
        for status in RequestStatus.values
    ]


@admin.register(PortalRequestReply)
class PortalRequestReplyAdmin(admin.ModelAdmin):
    list_display = ("request", "author", "created_at")
    list_select_related = ("request", "author")
    search_fields = ("body", "author__email", "request__content")
    date_hierarchy = "created_at"
    autocomplete_fields = ("request", "author")
    readonly_fields = ("created_at", "updated_at")
