"""Events API routes (/api/events, /api/webhooks, ...), included by localbzz/api/urls.py.

Every path answers with and without its trailing slash; neither redirects.
"""

from django.urls import re_path

from . import views

UUID = r"(?P<pk>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"

urlpatterns = [
    re_path(r"^events/?$", views.EventList.as_view(), name="event-list"),
    re_path(r"^webhooks/?$", views.WebhookList.as_view(), name="webhook-list"),
    re_path(rf"^webhooks/{UUID}/?$", views.WebhookDetail.as_view(), name="webhook-detail"),
    re_path(
        rf"^webhooks/{UUID}/rotate-secret/?$",
        views.WebhookRotateSecret.as_view(),
        name="webhook-rotate-secret",
    ),
    re_path(
        rf"^webhooks/{UUID}/deliveries/?$",
        views.WebhookDeliveryList.as_view(),
        name="webhook-deliveries",
    ),
    re_path(rf"^webhooks/{UUID}/test/?$", views.WebhookTest.as_view(), name="webhook-test"),
    re_path(
        rf"^webhook-deliveries/{UUID}/redeliver/?$",
        views.WebhookRedeliver.as_view(),
        name="webhook-delivery-redeliver",
    ),
    re_path(r"^notifications/?$", views.NotificationList.as_view(), name="notification-list"),
    re_path(
        r"^notifications/preferences/?$",
        views.NotificationPreferences.as_view(),
        name="notification-preferences",
    ),
    re_path(
        r"^notifications/read/?$",
        views.NotificationMarkRead.as_view(),
        name="notification-mark-read",
    ),
]
