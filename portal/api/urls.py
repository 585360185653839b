"""/api/client-portal/:subdomain/... and /api/portal-requests."""

from django.urls import re_path

from localbzz.api.base import Router

from . import views

router = Router()
router.register("portal-requests", views.PortalRequestViewSet, basename="portal-request")

_SUBDOMAIN = r"^client-portal/(?P<subdomain>[a-z0-9-]{1,63})"

urlpatterns = [
    *router.urls,
    re_path(
        rf"{_SUBDOMAIN}/requests/?$",
        views.ClientPortalRequestsViewSet.as_view({"get": "list", "post": "create"}),
        name="client-portal-requests",
    ),
    re_path(
        rf"{_SUBDOMAIN}/deliverables/?$",
        views.ClientPortalDeliverablesViewSet.as_view({"get": "list"}),
        name="client-portal-deliverables",
    ),
]
