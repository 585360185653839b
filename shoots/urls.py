"""Staff dashboard pages of the shoots app."""

from django.urls import path

from . import views

app_name = "shoots"
urlpatterns = [
    path("", views.shoot_list, name="list"),
    path("calendar/", views.shoot_calendar, name="calendar"),
    path("new/", views.shoot_create, name="create"),
    path("<uuid:pk>/", views.shoot_detail, name="detail"),
    path("<uuid:pk>/edit/", views.shoot_edit, name="edit"),
    path("<uuid:pk>/status/", views.shoot_set_status, name="set_status"),
    path("<uuid:pk>/delete/", views.shoot_delete, name="delete"),
]
