"""API routes of the top floor's reports (included by localbzz.api.urls before the 404)."""

from django.urls import re_path

from localbzz.api.base import UUID_PATTERN

from .views import ClientReportView

urlpatterns = [
    re_path(
        rf"^clients/(?P<pk>{UUID_PATTERN})/report/?$",
        ClientReportView.as_view(),
        name="client-report",
    ),
]
