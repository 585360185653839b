"""Staff dashboard pages of the shoots app."""

from django.urls import path

from localbzz.web import entity_urls

from . import views

app_name = "shoots"
urlpatterns = entity_urls(views, "shoot", path("calendar/", views.shoot_calendar, name="calendar"))
