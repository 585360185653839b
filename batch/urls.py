"""Dashboard pages of the batch app: /batch/<collection>/import/."""

from django.urls import path

from . import views

app_name = "batch"

urlpatterns = [
    path("<slug:collection>/import/", views.import_page, name="import"),
]
