"""Admin screen for shoots, with their crew and deliverables inline."""

from django.contrib import admin

from deliverables.models import Deliverable
from localbzz.admin import SelectRelatedInline, ServiceAdmin, ServiceSet, status_action

from . import services
from .models import Shoot, ShootAssignment, ShootStatus
from .services import shoot_set_status


class ShootAssignmentInline(SelectRelatedInline, admin.TabularInline):
    model = ShootAssignment
    fields = ("team_member", "role")
    autocomplete_fields = ("team_member",)
    extra = 1
    select_related = ("team_member",)


class ShootDeliverableInline(SelectRelatedInline, admin.TabularInline):
    model = Deliverable
    fields = ("title", "deliverable_type", "status", "due_date", "assignee")
    readonly_fields = ("assignee",)
    extra = 0
    show_change_link = True
    select_related = ("assignee",)


@admin.register(ShootAssignment)
class ShootAssignmentAdmin(admin.ModelAdmin):
    list_display = ("shoot", "team_member", "role")
    list_filter = ("role",)
    list_select_related = ("shoot", "team_member")
    search_fields = ("team_member__name", "shoot__title", "shoot__client__name")
    autocomplete_fields = ("shoot", "team_member")


@admin.register(Shoot)
class ShootAdmin(ServiceAdmin):
    services = ServiceSet.named(services, "shoot")

    list_display = (
        "__str__",
        "client",
        "shoot_start",
        "duration",
        "shoot_end",
        "status",
        "location",
        "crew",
    )
    list_filter = ("status", "shoot_start", "client")
    list_select_related = ("client",)
    search_fields = ("title", "location", "client__name", "notes")
    date_hierarchy = "shoot_start"
    autocomplete_fields = ("client",)
    readonly_fields = ("shoot_end", "created_at", "updated_at")
    fields = (
        "client",
        "title",
        ("shoot_start", "duration", "shoot_end"),
        "status",
        "location",
        "calendar_event_link",
        "drive_folder_link",
        "notes",
        ("created_at", "updated_at"),
    )
    inlines = (ShootAssignmentInline, ShootDeliverableInline)
    actions = [
        status_action(shoot_set_status, "shoot", status, "shoot") for status in ShootStatus.values
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("assignments__team_member")

    @admin.display(description="crew")
    def crew(self, obj):
        return ", ".join(f"{a.team_member.name} ({a.role})" for a in obj.assignments.all())
