from django.contrib import admin

from .models import UsageDaily


@admin.register(UsageDaily)
class UsageDailyAdmin(admin.ModelAdmin):
    """Read-only: rows are written by the flush job from the Redis counters."""

    list_display = (
        "day",
        "dimension",
        "key",
        "requests",
        "client_errors",
        "server_errors",
        "p95_ms",
    )
    list_filter = ("dimension", "day")
    search_fields = ("key",)
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
