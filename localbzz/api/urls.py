"""REST API routes (every path of the integration guide), under /api/.

Each path answers with and without its trailing slash; neither redirects. Anything else
under /api/ answers 404 in the error body.
"""

from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from .errors import api_not_found

app_name = "api"

urlpatterns = [
    re_path(r"^schema/?$", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script from this URL (?script) instead of
    # inline, so the page runs under the CSP's script-src 'self'.
    re_path(r"^docs/?$", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    re_path(
        r"^redoc/?$",
        # the sidecar's template loads Google Fonts; ours loads nothing from another host.
        # ReDoc's search index runs in a web worker built from a blob: URL (this page only).
        csp_update({"worker-src": ["'self'", "blob:"]})(
            SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")
        ),
        name="redoc",
    ),
    path("", include("localbzz.accounts.api.urls")),
    path("", include("clients.api.urls")),
    path("", include("dashboard.api.urls")),
    path("", include("team.api.urls")),
    path("", include("shoots.api.urls")),
    path("", include("deliverables.api.urls")),
    path("", include("tasks.api.urls")),
    path("", include("forms.api.urls")),
    path("", include("portal.api.urls")),
    path("", include("portal.api.extra_urls")),
    path("", include("comments.api.urls")),
    path("", include("calendars.api.urls")),
    path("", include("localbzz.events.api.urls")),
    path("", include("localbzz.audit.api")),
    path("", include("localbzz.audit.privacy_api")),
    path("", include("files.api.urls")),
    path("", include("batch.api.urls")),
    path("", include("ops.api")),
]

# Last: every other /api/ path is a JSON 404.
urlpatterns.append(re_path(r"^.*$", api_not_found, name="not-found"))
