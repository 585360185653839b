"""The project's URLs, plus the events API when the API's urls.py does not include it yet."""

from django.urls import Resolver404, include, path, resolve

from localbzz.urls import urlpatterns as project_urlpatterns

urlpatterns = list(project_urlpatterns)
try:
    resolve("/api/events", urlconf="localbzz.urls")
except Resolver404:
    urlpatterns.insert(0, path("api/", include("localbzz.events.api.urls")))
