"""Admin screen for team members and their roles."""

from django.contrib import admin

from localbzz.admin import ServiceAdmin, ServiceSet

from . import services
from .models import TeamMember, TeamRole
from .services import team_member_update


@admin.register(TeamRole)
class TeamRoleAdmin(admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)


@admin.register(TeamMember)
class TeamMemberAdmin(ServiceAdmin):
    services = ServiceSet.named(services, "team_member", kwarg="member")

    list_display = ("name", "email", "phone", "role_list", "is_active", "updated_at")
    list_filter = ("is_active", "roles")
    search_fields = ("name", "email", "phone")
    date_hierarchy = "created_at"
    filter_horizontal = ("roles",)
    readonly_fields = ("created_at", "updated_at")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("roles")

    @admin.display(description="roles")
    def role_list(self, obj):
        return ", ".join(role.name for role in obj.roles.all())

    def save_related(self, request, form, formsets, change):
        # Roles go through the service so a change of roles is one team_member.updated event.
        names = [role.name for role in form.cleaned_data.get("roles", [])]
        team_member_update(member=form.instance, actor=request.user, roles=names)
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
