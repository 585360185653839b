"""URLs of a portal subdomain: the portal pages at /, plus the API and static files."""

from django.conf import settings
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path

urlpatterns = [
    path("api/", include("localbzz.api.urls")),
    path("", include("portal.urls")),
]
if settings.DEBUG:
    urlpatterns += staticfiles_urlpatterns()
