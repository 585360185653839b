"""The dashboard home page."""

from django.urls import path

from . import search_views, views

app_name = "dashboard"
urlpatterns = [
    path("", views.home, name="home"),
    path("home/cards/", views.home_cards, name="home_cards"),
    path("search/", search_views.search_page, name="search"),
    path("search/suggest/", search_views.search_suggest, name="search_suggest"),
]
