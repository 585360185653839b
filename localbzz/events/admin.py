"""Django admin for events, webhook endpoints, deliveries and notifications."""

from django.contrib import admin, messages

from localbzz.accounts.reauth import confirm_redirect
from localbzz.admin import ServiceAdmin, ServiceSet

from . import services
from .delivery import webhook_delivery_redeliver, webhook_endpoint_send_test
from .models import (
    Event,
    Notification,
    NotificationPreference,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("type", "object_type", "object_id", "client", "occurred_at", "broadcast_at")
    list_filter = ("type", "client_visible")
    search_fields = ("object_id", "type")
    list_select_related = ("client",)
    readonly_fields = [f.name for f in Event._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    readonly_fields = ("at", "status_code", "duration_ms", "response_excerpt", "error", "manual")


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(ServiceAdmin):
    """Creates, edits and deletes through the services: each leaves an audit event."""

    services = ServiceSet.named(services, "webhook_endpoint", kwarg="endpoint")
    list_display = ("url", "is_active", "consecutive_failures", "last_success_at", "created_at")
    list_filter = ("is_active",)
    readonly_fields = ("masked_secret", *WebhookEndpoint.HEALTH_FIELDS, "created_by")
    fields = ("url", "description", "event_types", "is_active", *readonly_fields)
    actions = ("rotate_secret", "send_test")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            messages.warning(request, f"Signing secret (shown once): {obj.secret}")

    @admin.action(description="Rotate the signing secret")
    def rotate_secret(self, request, queryset):
        asked = confirm_redirect(request)  # a recent password (or code) first
        if asked is not None:
            return asked
        for endpoint in queryset:
            secret = services.webhook_endpoint_rotate_secret(endpoint=endpoint, actor=request.user)
            messages.warning(request, f"New secret of {endpoint.url} (shown once): {secret}")
        return None

    @admin.action(description="Send a test event")
    def send_test(self, request, queryset):
        for endpoint in queryset.filter(is_active=True):
            delivery = webhook_endpoint_send_test(endpoint=endpoint, actor=request.user)
            messages.info(request, f"{endpoint.url}: {delivery.status}")


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ("event", "endpoint", "status", "attempts", "next_attempt_at", "created_at")
    list_filter = ("status",)
    list_select_related = ("event", "endpoint")
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    inlines = (WebhookAttemptInline,)
    actions = ("redeliver",)

    @admin.action(description="Redeliver (new attempt cycle)")
    def redeliver(self, request, queryset):
        for delivery in queryset:
            webhook_delivery_redeliver(delivery=delivery, actor=request.user)

    def has_add_permission(self, request):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "kind", "created_at", "read_at")
    list_filter = ("kind",)
    list_select_related = ("user",)
    raw_id_fields = ("user", "event")


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "in_app", "email")
    list_select_related = ("user",)
