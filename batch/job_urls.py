"""/jobs/: the scheduled jobs page (admins)."""

from django.urls import path

from . import cleanup_views, job_views

app_name = "jobs"

urlpatterns = [
    path("", job_views.job_list, name="list"),
    path("cleanup/", cleanup_views.cleanup_page, name="cleanup"),
    path("cleanup/<int:index>/fix/", cleanup_views.cleanup_fix, name="cleanup-fix"),
    path("cleanup/all/fix/", cleanup_views.cleanup_fix, {"index": -1}, name="cleanup-fix-all"),
    path("<slug:name>/run/", job_views.job_run, name="run"),
]
