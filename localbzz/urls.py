"""Top-level routes: admin, API, staff dashboard, client portal (path form), docs."""

from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path


def favicon(request):
    """Pages without an icon link (Django admin) and browsers that ask anyway. The hashed
    name is looked up per request: at import time the manifest may not exist yet
    (``check --deploy`` on a fresh checkout, before ``collectstatic``)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("api/", include("localbzz.api.urls")),
    path("accounts/", include("localbzz.accounts.urls")),
    path("portal/<str:subdomain>/", include("portal.urls")),
    path("clients/", include("clients.urls")),
    path("team/", include("team.urls")),
    path("shoots/", include("shoots.urls")),
    path("deliverables/", include("deliverables.urls")),
    path("tasks/", include("tasks.urls")),
    path("submissions/", include("forms.urls")),
    path("requests/", include("portal.staff_urls")),
    path("events/", include("localbzz.events.urls")),
    path("audit/", include("localbzz.audit.urls")),
    path("ops/", include("ops.urls")),
    path("batch/", include("batch.urls")),
    path("jobs/", include("batch.job_urls")),
    path("files/", include("files.urls")),
    path("", include("calendars.urls")),
    path("", include("dashboard.urls")),
]

# JSON error bodies for /api/ paths, Django's pages elsewhere.
handler404 = "localbzz.api.errors.page_not_found"
handler500 = "localbzz.api.errors.server_error"
handler400 = "localbzz.api.errors.bad_request"
handler403 = "localbzz.api.errors.permission_denied"
