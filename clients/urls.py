"""Staff dashboard pages of the clients app."""

from django.urls import path

from localbzz.web import entity_urls

from . import plan_views, views

app_name = "clients"
urlpatterns = entity_urls(
    views,
    "client",
    path("<uuid:pk>/invite/", views.client_invite, name="invite"),
    path("<uuid:pk>/plan/", plan_views.client_plan_apply, name="plan_apply"),
)
