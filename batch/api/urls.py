"""/api/<collection>/export and /api/<collection>/import for every batch collection."""

from django.urls import re_path

from ..collections import COLLECTIONS
from .views import ExportView, ImportView


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


urlpatterns = list(_routes())
