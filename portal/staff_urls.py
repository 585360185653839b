"""Staff inbox of portal requests in the dashboard."""

from django.urls import path

from . import staff_views as views

app_name = "requests"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("inbox/", views.request_inbox_partial, name="inbox"),
    path("<uuid:pk>/", views.request_detail, name="detail"),
    path("<uuid:pk>/update/", views.request_update, name="update"),
    path("<uuid:pk>/reply/", views.request_reply, name="reply"),
]
