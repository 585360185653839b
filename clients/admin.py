"""Admin screen for clients, with their shoots and deliverables inline."""

from django import forms
from django.contrib import admin
from django.db.models import Count

from deliverables.models import Deliverable
from localbzz.admin import SelectRelatedInline, ServiceAdmin, ServiceSet, status_action
from shoots.models import Shoot

from . import services
from .models import Client, ClientStatus
from .services import client_set_status


class ShootInline(admin.TabularInline):
    model = Shoot
    fields = ("title", "shoot_start", "duration", "status", "location")
    extra = 0
    show_change_link = True
    ordering = ("-shoot_start",)


class DeliverableInline(SelectRelatedInline, admin.TabularInline):
    model = Deliverable
    fields = ("title", "deliverable_type", "status", "due_date", "shoot", "assignee")
    readonly_fields = ("shoot", "assignee")
    extra = 0
    show_change_link = True
    select_related = ("shoot", "assignee")


class ClientAdminForm(forms.ModelForm):
    """Accepts ``Acme`` for the subdomain and stores ``acme``, as the services do."""

    class Meta:
        model = Client
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown

    def clean_client_portal_subdomain(self):
        return (self.cleaned_data.get("client_portal_subdomain") or "").strip().lower()


@admin.register(Client)
class ClientAdmin(ServiceAdmin):
    form = ClientAdminForm
    services = ServiceSet.named(services, "client")

    list_display = (
        "name",
        "status",
        "client_portal_subdomain",
        "shoot_frequency",
        "primary_contact_name",
        "email",
        "shoot_count",
        "updated_at",
    )
    list_filter = ("status", "shoot_frequency", "preferred_contact_method")
    search_fields = ("name", "client_portal_subdomain", "email", "primary_contact_name")
    date_hierarchy = "created_at"
    ordering = ("name",)
    # the old image field: shown, not uploaded here any more. A logo is an attachment now,
    # uploaded on the client's page or through /api/clients/:id/logo, where the checks run.
    readonly_fields = ("created_at", "updated_at", "logo")
    fieldsets = (
        (None, {"fields": ("name", "status", "client_portal_subdomain", "logo")}),
        ("Contact", {"fields": ("primary_contact_name", "email", "phone")}),
        (
            "Content plan",
            {
                "fields": (
                    "shoot_frequency",
                    ("default_reels", "default_photos", "default_carousels"),
                    "services",
                    "platforms",
                    "preferred_contact_method",
                )
            },
        ),
        ("Notes", {"fields": ("notes", "created_at", "updated_at")}),
    )
    inlines = (ShootInline, DeliverableInline)
    actions = [
        status_action(client_set_status, "client", status, "client")
        for status in ClientStatus.values
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_shoot_count=Count("shoots"))

    @admin.display(description="shoots", ordering="_shoot_count")
    def shoot_count(self, obj):
        return obj._shoot_count
