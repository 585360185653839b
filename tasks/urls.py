"""Staff dashboard pages of the tasks app."""

from django.urls import path

from localbzz.web import entity_urls

from . import views

app_name = "tasks"
urlpatterns = entity_urls(
    views,
    "task",
    path("board/partial/", views.task_board_partial, name="board_partial"),
    path("timer/stop/", views.timer_stop, name="timer_stop"),
    path("<uuid:pk>/assign-me/", views.task_assign_me, name="assign_me"),
    path("<uuid:pk>/timer/start/", views.timer_start, name="timer_start"),
    path("<uuid:pk>/time/", views.time_log, name="time_log"),
)
