"""/files/: the staff pages of the files app (a client's logo)."""

from django.urls import path

from . import views

app_name = "files"

urlpatterns = [
    path("clients/<uuid:pk>/logo/", views.client_logo_upload, name="client-logo"),
    path("clients/<uuid:pk>/logo/remove/", views.client_logo_remove, name="client-logo-remove"),
]
