"""The ICS feeds (``/feeds/<token>.ics``) and the dashboard's account page (``/account/``)."""

from django.urls import re_path

from . import views

app_name = "calendars"
urlpatterns = [
    re_path(r"^feeds/(?P<token>[A-Za-z0-9_-]{1,128})\.ics$", views.feed, name="feed"),
    re_path(r"^account/$", views.account, name="account"),
]
