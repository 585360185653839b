"""Import / export in Django admin, on the same engine: an Export action (CSV, XLSX, JSON) on
each collection's change list, and an Import link there that opens the collection's Import
page (upload, dry run's error table, Confirm; a job with a progress bar for a large file).
Batch jobs and cleanup reports have read-only screens."""

from __future__ import annotations

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path, reverse

from .collections import COLLECTIONS, Collection
from .exporting import export_response
from .formats import FORMATS
from .models import BatchJob, CleanupReport
from .services import api_request


def export_action(collection: Collection, fmt: str):
    def action(modeladmin, request, queryset):
        return export_response(collection, api_request(request), fmt, only=queryset)

    action.__name__ = f"export_{fmt}"
    action.short_description = f"Export selected as {fmt.upper()}"
    return action


def _with_import(model_admin, collection: Collection) -> None:
    """``<changelist>/import/`` (the Import link of the change list) opens the Import page."""
    base_get_urls = model_admin.get_urls
    meta = model_admin.model._meta
    name = f"{meta.app_label}_{meta.model_name}_import"

    def go(request):
        return redirect(reverse("batch:import", args=[collection.name]))

    def get_urls():
        return [path("import/", model_admin.admin_site.admin_view(go), name=name), *base_get_urls()]

    model_admin.get_urls = get_urls
    if model_admin.change_list_template is None:
        model_admin.change_list_template = "batch/admin_change_list.html"


def install() -> None:
    """Adds the export actions (and Import) to the change list of every collection's model."""
    for collection in COLLECTIONS.values():
        model_admin = admin.site._registry.get(collection.model)
        if model_admin is None:
            continue
        actions = list(model_admin.actions or ())
        actions += [export_action(collection, fmt) for fmt in FORMATS]
        model_admin.actions = actions
        if collection.importable:
            _with_import(model_admin, collection)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BatchJob)
class BatchJobAdmin(ReadOnly):
    list_display = (
        "created_at",
        "collection",
        "file_name",
        "user",
        "dry_run",
        "status",
        "progress",
    )
    list_filter = ("status", "collection", "dry_run")
    exclude = ("payload",)
    list_select_related = ("user",)


@admin.register(CleanupReport)
class CleanupReportAdmin(ReadOnly):
    list_display = ("created_at", "counts")


install()
