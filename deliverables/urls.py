"""Staff dashboard pages of the deliverables app."""

from django.urls import path

from localbzz.web import entity_urls

from . import views

app_name = "deliverables"
urlpatterns = entity_urls(
    views,
    "deliverable",
    path("board/column/<str:status>/", views.board_column, name="board_column"),
)
