"""Staff review queue of form submissions."""

from django.urls import path

from . import views

app_name = "forms"
urlpatterns = [
    path("", views.submission_list, name="list"),
    path("<uuid:pk>/", views.submission_detail, name="detail"),
    path("<uuid:pk>/approve/", views.submission_approve, name="approve"),
    path("<uuid:pk>/reject/", views.submission_reject, name="reject"),
]
