"""The audit log and the privacy page (admins only)."""

from django.urls import path

from . import privacy_views, views

app_name = "audit"
urlpatterns = [
    path("", views.audit_log, name="log"),
    path("privacy/", privacy_views.privacy_page, name="privacy"),
]
