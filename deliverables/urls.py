"""Staff dashboard pages of the deliverables app."""

from django.urls import path

from localbzz.web import entity_urls

from . import views

app_name = "deliverables"
urlpatterns = entity_urls(
    views,
    "deliverable",
    path("board/", views.deliverable_board, name="board"),
    path("board/column/<str:status>/", views.board_column, name="board_column"),
    path("<uuid:pk>/status/", views.deliverable_set_status, name="set_status"),
)
