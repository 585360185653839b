"""Staff pages of the events app (webhook endpoints, notifications)."""

from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("webhooks/", views.webhook_list, name="webhooks"),
    path("webhooks/new/", views.webhook_create, name="webhook_create"),
    path("webhooks/<uuid:pk>/", views.webhook_detail, name="webhook_detail"),
    path("webhooks/<uuid:pk>/rotate/", views.webhook_rotate, name="webhook_rotate"),
    path("webhooks/<uuid:pk>/test/", views.webhook_test, name="webhook_test"),
    path("webhooks/<uuid:pk>/delete/", views.webhook_delete, name="webhook_delete"),
    path("deliveries/<uuid:pk>/redeliver/", views.delivery_redeliver, name="delivery_redeliver"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notification_mark_read, name="notifications_read"),
    path("notifications/preferences/", views.notification_preferences, name="preferences"),
]
