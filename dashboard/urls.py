"""The dashboard home page."""

from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.home, name="home"),
    path("home/cards/", views.home_cards, name="home_cards"),
]
