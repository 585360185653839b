"""Staff review queue of form submissions."""

from django.urls import path

from localbzz.web import entity_urls

from . import views

app_name = "forms"
decisions = [
    path("<uuid:pk>/approve/", views.submission_approve, name="approve"),
    path("<uuid:pk>/reject/", views.submission_reject, name="reject"),
]
urlpatterns = entity_urls(views, "submission", *decisions)
