"""Staff inbox of portal requests in the dashboard."""

from django.urls import path

from localbzz.web import entity_urls

from . import staff_views as views

app_name = "requests"
thread = [
    path("<uuid:pk>/update/", views.request_update, name="update"),
    path("<uuid:pk>/reply/", views.request_reply, name="reply"),
    path("<uuid:pk>/convert/", views.request_convert, name="convert"),
]
urlpatterns = entity_urls(
    views, "request", path("inbox/", views.request_inbox_partial, name="inbox"), *thread
)
