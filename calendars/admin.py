"""Admin screen for calendar feeds: see who has which feed, revoke one (never the token)."""

from django.contrib import admin

from localbzz.admin import run_each

from .models import CalendarFeed
from .services import calendar_feed_revoke


@admin.action(description="Revoke the selected feeds")
def revoke_feeds(modeladmin, request, queryset):
    run_each(
        modeladmin,
        request,
        queryset,
        lambda feed: calendar_feed_revoke(feed=feed, actor=request.user),
        "Revoked {n} feed(s).",
    )


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ("__str__", "user", "scope", "client", "created_at", "last_fetched_at")
    list_display_links = ("__str__",)
    list_filter = ("scope", ("revoked_at", admin.EmptyFieldListFilter))
    list_select_related = ("user", "client")
    search_fields = ("user__email", "client__name", "token_prefix")
    date_hierarchy = "created_at"
    readonly_fields = (
        "user",
        "scope",
        "client",
        "token_prefix",
        "created_at",
        "updated_at",
        "last_fetched_at",
        "revoked_at",
    )
    fields = readonly_fields
    actions = [revoke_feeds]

    def has_add_permission(self, request):
        return False  # a feed is made by its owner, who alone sees the token once

    def has_delete_permission(self, request, obj=None):
        return False  # revoked instead (the row stays, for the record)
