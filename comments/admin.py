"""Admin screen for comments: both channels, clearly marked; admins may edit or delete."""

from django.contrib import admin

from .models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "visibility", "client", "author", "created_at")
    list_filter = ("visibility", "created_at")
    list_select_related = ("client", "author")
    search_fields = ("body", "author__email", "client__name")
    date_hierarchy = "created_at"
    autocomplete_fields = ("author",)
    raw_id_fields = ("deliverable", "shoot", "portal_request")
    readonly_fields = ("client", "mentions", "created_at", "updated_at")

    def has_add_permission(self, request):
        return False  # written on the pages and the API, where @mentions notify
