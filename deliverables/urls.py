"""Staff dashboard pages of the deliverables app."""

from django.urls import path

from . import views

app_name = "deliverables"
urlpatterns = [
    path("", views.deliverable_list, name="list"),
    path("new/", views.deliverable_create, name="create"),
    path("board/", views.deliverable_board, name="board"),
    path("board/column/<str:status>/", views.board_column, name="board_column"),
    path("<uuid:pk>/", views.deliverable_edit, name="edit"),
    path("<uuid:pk>/status/", views.deliverable_set_status, name="set_status"),
    path("<uuid:pk>/delete/", views.deliverable_delete, name="delete"),
]
