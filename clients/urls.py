"""Staff dashboard pages of the clients app."""

from django.urls import path

from . import views

app_name = "clients"
urlpatterns = [
    path("", views.client_list, name="list"),
    path("new/", views.client_create, name="create"),
    path("<uuid:pk>/", views.client_detail, name="detail"),
    path("<uuid:pk>/edit/", views.client_edit, name="edit"),
    path("<uuid:pk>/delete/", views.client_delete, name="delete"),
    path("<uuid:pk>/invite/", views.client_invite, name="invite"),
]
