"""/jobs/: the scheduled jobs page (admins)."""

from django.urls import path

from . import job_views

app_name = "jobs"

urlpatterns = [
    path("", job_views.job_list, name="list"),
    path("<slug:name>/run/", job_views.job_run, name="run"),
]
