"""Admin screen for users: email is the login, role links to a client or a team member."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm
from django.contrib.auth.forms import UserChangeForm as DjangoUserChangeForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import path

from localbzz.audit.privacy_api import personal_data_download

from . import api_keys, mfa, services
from .models import ApiKey, User
from .reauth import confirm_redirect

#: fields of the admin forms the services take (groups and permissions are saved after)
_SERVICE_FIELDS = ("email", "full_name", "role", "client", "team_member", "is_active")
_FLAG_FIELDS = ("is_staff", "is_superuser")


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
        ("Profile", {"fields": ("full_name", "role", "client", "team_member", "time_zone")}),
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

    # --- writes go through the services (events for the audit log) ---------------------------
    def save_model(self, request, obj, form, change):
        if change:
            names = [n for n in form.changed_data if n in (*_SERVICE_FIELDS, *_FLAG_FIELDS)]
            if not names:
                return
            original = User.objects.get(pk=obj.pk)
            data = {name: form.cleaned_data[name] for name in names}
            saved = services.user_update(user=original, actor=request.user, **data)
        else:
            data = {n: form.cleaned_data[n] for n in _SERVICE_FIELDS if n in form.cleaned_data}
            usable = form.cleaned_data.get("usable_password", True) not in (False, "false")
            saved = services.user_create(
                actor=request.user,
                password=form.cleaned_data.get("password1") if usable else None,
                **data,
            )
        # The admin goes on with ``obj`` (many-to-many fields, the redirect): the saved state.
        obj.__dict__.update(
            {k: v for k, v in saved.__dict__.items() if k != "_prefetched_objects_cache"}
        )

    def delete_model(self, request, obj):
        services.user_delete(user=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            services.user_delete(user=user, actor=request.user)

    actions = ("reset_mfa",)
    change_form_template = "admin/accounts/user/change_form.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.personal_data_view)
        return [
            path("<uuid:object_id>/personal-data/", view, name="accounts_user_personal_data"),
            *super().get_urls(),
        ]

    def personal_data_view(self, request, object_id):
        """GDPR: everything held about this person as a JSON download (audited; a recent
        password or code first)."""
        user = self.get_object(request, object_id)
        if user is None or not self.has_view_permission(request, user):
            raise Http404("No such user.")
        asked = confirm_redirect(request)
        if asked is not None:
            return asked
        return personal_data_download(user.email, request)

    @admin.action(description="Reset two-factor sign-in (a lost phone)")
    def reset_mfa(self, request, queryset):
        """Removes the users' authenticator apps and recovery codes (audited); an admin sets
        up a new one at the next sign-in."""
        asked = confirm_redirect(request)
        if asked is not None:
            return asked
        for user in queryset:
            mfa.mfa_remove(user=user, actor=request.user)
        self.message_user(request, f"Two-factor sign-in reset for {queryset.count()} user(s).")
        return None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Changing someone's e-mail (their sign-in name) asks for a recent proof first, as
        changing a password does."""
        if request.method == "POST" and object_id:
            current = User.objects.filter(pk=object_id).values_list("email", flat=True).first()
            posted = request.POST.get("email")
            changed = current is not None and posted is not None
            if changed and posted.strip().lower() != current.lower():
                asked = confirm_redirect(request)
                if asked is not None:
                    return asked
        return super().changeform_view(request, object_id, form_url, extra_context)

    @transaction.atomic
    def user_change_password(self, request, id, form_url=""):
        asked = confirm_redirect(request)
        if asked is not None:
            return asked
        response = super().user_change_password(request, id, form_url)
        done = request.method == "POST" and response.status_code == 302
        if done and response.url != request.get_full_path():  # not the "try again" redirect
            user = User.objects.get(pk=id)
            services.user_password_changed(user=user, actor=request.user)
        return response


class ApiKeyAddForm(forms.ModelForm):
    """Name, role, user and expiry; the key itself is made by the service."""

    class Meta:
        model = ApiKey
        fields = ("name", "role", "user", "expires_at")

    def clean(self):
        data = super().clean()
        if data.get("user") and data.get("role"):
            try:
                api_keys.check_new_key(
                    user=data["user"], role=data["role"], expires_at=data.get("expires_at")
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    self.add_error(field, errors)
        return data


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """API keys: created here (the key is shown once, in the message), revoked by an action."""

    list_display = ("name", "prefix", "role", "user", "expires_at", "revoked_at", "last_used_at")
    list_filter = ("role",)
    list_select_related = ("user",)
    readonly_fields = (
        "name", "prefix", "role", "user", "created_by", "expires_at", "revoked_at",
        "last_used_at", "last_used_ip", "created_at",
    )  # fmt: skip
    actions = ("revoke",)

    def add_view(self, request, form_url="", extra_context=None):
        return confirm_redirect(request) or super().add_view(request, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ApiKeyAddForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else ()

    def get_fields(self, request, obj=None):
        return ApiKeyAddForm.Meta.fields if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            return
        key, raw = api_keys.api_key_create(
            actor=request.user,
            name=obj.name,
            role=obj.role,
            user=obj.user,
            expires_at=obj.expires_at,
        )
        obj.pk = key.pk
        messages.warning(request, f"The key (shown this once, copy it now): {raw}")

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, not deleted: the row keeps the record

    @admin.action(description="Revoke the selected keys")
    def revoke(self, request, queryset):
        for key in queryset:
            api_keys.api_key_revoke(key=key, actor=request.user)
