"""Portal-owned API routes (invites), included by localbzz/api/urls.py."""

from django.urls import re_path

from .invites import PortalUserInviteView

UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

urlpatterns = [
    # Answers with and without the trailing slash; neither redirects.
    re_path(
        rf"^clients/(?P<pk>{UUID})/portal-users/?$",
        PortalUserInviteView.as_view(),
        name="client-portal-users",
    ),
]
