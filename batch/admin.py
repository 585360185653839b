"""Import / export in Django admin, on the same engine: an Export action (CSV, XLSX, JSON) on
each collection's change list. Admins import on the dashboard's Import page of each list."""

from __future__ import annotations

from django.contrib import admin

from .collections import COLLECTIONS, Collection
from .exporting import export_response
from .formats import FORMATS
from .services import api_request


def export_action(collection: Collection, fmt: str):
    def action(modeladmin, request, queryset):
        return export_response(collection, api_request(request), fmt, only=queryset)

    action.__name__ = f"export_{fmt}"
    action.short_description = f"Export selected as {fmt.upper()}"
    return action


def install() -> None:
    """Adds the export actions to the change list of every collection's model."""
    for collection in COLLECTIONS.values():
        model_admin = admin.site._registry.get(collection.model)
        if model_admin is None:
            continue
        actions = list(model_admin.actions or ())
        actions += [export_action(collection, fmt) for fmt in FORMATS]
        model_admin.actions = actions


install()
