from django.urls import path

from . import views

app_name = "ops"

urlpatterns = [path("usage/", views.usage_page, name="usage")]
