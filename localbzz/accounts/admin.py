"""Admin screen for users: email is the login, role links to a client or a team member."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm
from django.contrib.auth.forms import UserChangeForm as DjangoUserChangeForm

from .models import User


class UserCreationForm(BaseUserCreationForm):
    """Add form: email, role and link, and the password twice."""

    class Meta:
        model = User
        fields = ("email", "full_name", "role", "client", "team_member")


class UserChangeForm(DjangoUserChangeForm):
    """Change form: every field, the password shown as its hash summary."""

    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = UserCreationForm
    form = UserChangeForm

    list_display = (
        "email",
        "full_name",
        "role",
        "client",
        "team_member",
        "is_active",
        "is_staff",
        "last_login",
    )
    list_filter = ("role", "is_active", "is_staff", "is_superuser")
    list_select_related = ("client", "team_member")
    search_fields = ("email", "full_name", "client__name", "team_member__name")
    ordering = ("email",)
    date_hierarchy = "date_joined"
    autocomplete_fields = ("client", "team_member")
    readonly_fields = ("last_login", "date_joined", "created_at", "updated_at")
    filter_horizontal = ("groups", "user_permissions")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("full_name", "role", "client", "team_member")}),
        (
            "Permissions",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Dates", {"fields": ("last_login", "date_joined", "created_at", "updated_at")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "full_name",
                    "role",
                    "client",
                    "team_member",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
