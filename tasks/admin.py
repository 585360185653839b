"""Admin screen for tasks and their time entries."""

from django.contrib import admin

from localbzz.admin import SelectRelatedInline, ServiceAdmin, ServiceSet, status_action

from . import services
from .models import Task, TaskStatus, TimeEntry
from .services import task_set_status, task_update


class TimeEntryInline(SelectRelatedInline, admin.TabularInline):
    model = TimeEntry
    fields = ("user", "started_at", "ended_at", "duration", "note")
    readonly_fields = ("duration",)
    autocomplete_fields = ("user",)
    extra = 0
    select_related = ("user",)


@admin.register(Task)
class TaskAdmin(ServiceAdmin):
    services = ServiceSet.named(services, "task")

    list_display = (
        "name",
        "status",
        "priority",
        "due_date",
        "client",
        "assignee_list",
        "estimated_minutes",
        "time_logged_display",
        "completed_at",
    )
    list_filter = ("status", "priority", "due_date", "assignees")
    list_select_related = ("client",)
    search_fields = ("name", "description", "client__name")
    date_hierarchy = "due_date"
    autocomplete_fields = ("client", "shoot", "deliverable", "assignees")
    readonly_fields = ("completed_at", "created_at", "updated_at")
    fields = (
        "name",
        "description",
        ("status", "priority", "completed_at"),
        ("due_date", "estimated_minutes"),
        "assignees",
        ("client", "shoot", "deliverable"),
        ("created_at", "updated_at"),
    )
    inlines = (TimeEntryInline,)
    actions = [
        status_action(task_set_status, "task", status, "task") for status in TaskStatus.values
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_time_logged().prefetch_related("assignees")

    @admin.display(description="assignees")
    def assignee_list(self, obj):
        return ", ".join(member.name for member in obj.assignees.all())

    @admin.display(description="time logged", ordering="time_logged")
    def time_logged_display(self, obj):
        return obj.time_logged or "—"

    def save_related(self, request, form, formsets, change):
        # Assignees go through the service so each new assignee gets a task.assigned event.
        task_update(
            task=form.instance, actor=request.user, assignees=form.cleaned_data["assignees"]
        )
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(TimeEntry)
class TimeEntryAdmin(admin.ModelAdmin):
    list_display = ("task", "user", "started_at", "ended_at", "duration", "note")
    list_select_related = ("task", "user")
    list_filter = ("started_at",)
    search_fields = ("task__name", "user__email", "note")
    date_hierarchy = "started_at"
    autocomplete_fields = ("task", "user")
    readonly_fields = ("duration", "created_at", "updated_at")
