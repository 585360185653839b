"""/api/<collection>/export and /api/<collection>/import for every batch collection."""

from django.urls import re_path

from ..collections import COLLECTIONS
from .job_views import BatchJobCancelView, BatchJobView
from .views import ExportView, ImportView

_UUID = "[0-9a-fA-F-]{36}"


def _routes():
    for c in COLLECTIONS.values():
        yield re_path(
            rf"^{c.name}/export/?$",
            ExportView.as_view(collection=c),
            name=f"{c.basename}-export",
        )
        if c.importable:
            yield re_path(
                rf"^{c.name}/import/?$",
                ImportView.as_view(collection=c),
                name=f"{c.basename}-import",
            )


urlpatterns = [
    *_routes(),
    re_path(rf"^batch-jobs/(?P<pk>{_UUID})/?$", BatchJobView.as_view(), name="batch-job-detail"),
    re_path(
        rf"^batch-jobs/(?P<pk>{_UUID})/cancel/?$",
        BatchJobCancelView.as_view(),
        name="batch-job-cancel",
    ),
]
