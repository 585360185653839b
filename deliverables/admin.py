"""Admin screen for deliverables: status actions, client reviews inline."""

from django.contrib import admin

from localbzz.admin import SelectRelatedInline, ServiceAdmin, ServiceSet, status_action

from . import services
from .models import Deliverable, DeliverableReview, DeliverableStatus
from .services import deliverable_set_status


class DeliverableReviewInline(SelectRelatedInline, admin.TabularInline):
    model = DeliverableReview
    fields = ("decision", "comment", "reviewed_by", "created_at")
    readonly_fields = ("decision", "comment", "reviewed_by", "created_at")
    extra = 0
    can_delete = False
    select_related = ("reviewed_by",)

    def has_add_permission(self, request, obj=None):
        # Reviews are the client's decisions, recorded by deliverable_review() only.
        return False


@admin.register(Deliverable)
class DeliverableAdmin(ServiceAdmin):
    services = ServiceSet.named(services, "deliverable")

    list_display = (
        "title",
        "client",
        "shoot",
        "deliverable_type",
        "status",
        "due_date",
        "assignee",
        "status_changed_at",
    )
    list_filter = ("status", "deliverable_type", "due_date", "assignee", "client")
    list_select_related = ("client", "shoot", "assignee")
    search_fields = ("title", "caption", "client__name", "client__client_portal_subdomain")
    date_hierarchy = "due_date"
    autocomplete_fields = ("client", "shoot", "assignee")
    readonly_fields = ("status_changed_at", "created_at", "updated_at")
    fields = (
        ("client", "shoot"),
        "title",
        ("deliverable_type", "status", "status_changed_at"),
        ("due_date", "assignee"),
        "file_link",
        "caption",
        "posting_instructions",
        ("created_at", "updated_at"),
    )
    inlines = (DeliverableReviewInline,)
    actions = [
        status_action(deliverable_set_status, "deliverable", status, "deliverable")
        for status in DeliverableStatus.values
    ]


@admin.register(DeliverableReview)
class DeliverableReviewAdmin(admin.ModelAdmin):
    list_display = ("deliverable", "decision", "reviewed_by", "created_at")
    list_filter = ("decision",)
    list_select_related = ("deliverable", "reviewed_by")
    search_fields = ("deliverable__title", "comment", "reviewed_by__email")
    date_hierarchy = "created_at"
    autocomplete_fields = ("deliverable", "reviewed_by")
    readonly_fields = ("created_at", "updated_at")
