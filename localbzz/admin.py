"""Shared pieces of the Django admin screens: saves and deletes through services, status
actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models, transaction

admin.site.site_header = "LocalBzz admin"
admin.site.site_title = "LocalBzz admin"
admin.site.index_title = "Agency data"


def _concrete_data(obj: models.Model, form, names) -> dict[str, Any]:
    concrete = {f.name for f in obj._meta.concrete_fields if f.editable and not f.primary_key}
    return {name: form.cleaned_data[name] for name in names if name in concrete}


class ServiceAdmin(admin.ModelAdmin):
    """Saves and deletes go through the app's services, so admin changes emit the same
    events (and land in the audit log) as the API's.

    ``create_service(actor=..., **fields)``, ``update_service(<update_kwarg>=obj, actor=...,
    **changed_fields)`` and ``delete_service(<update_kwarg>=obj, actor=...)`` are the app's
    service functions, registered per model by setting them on its admin class. The form
    has already put the new values on ``obj``; the update service is given a fresh copy
    from the database so it sees what changed, and ``obj`` takes the saved state back.
    A delete, a bulk delete ("Delete selected") and a row deleted in an inline of another
    model's page all go through the delete service of the deleted row's own admin.
    """

    create_service: Callable[..., models.Model] | None = None
    update_service: Callable[..., models.Model] | None = None
    delete_service: Callable[..., None] | None = None
    update_kwarg: str = "instance"
    list_per_page = 50
    show_full_result_count = False

    def save_model(self, request, obj, form, change):
        if change and self.update_service is not None:
            data = _concrete_data(obj, form, form.changed_data)
            if not data:
                return
            original = type(obj)._default_manager.get(pk=obj.pk)
            saved = type(self).update_service(
                **{self.update_kwarg: original}, actor=request.user, **data
            )
        elif not change and self.create_service is not None:
            data = _concrete_data(obj, form, form.fields)
            saved = type(self).create_service(actor=request.user, **data)
        else:
            super().save_model(request, obj, form, change)
            return
        obj.__dict__.update(
            {k: v for k, v in saved.__dict__.items() if k != "_prefetched_objects_cache"}
        )

    def delete_model(self, request, obj):
        if type(self).delete_service is None:
            super().delete_model(request, obj)
            return
        type(self).delete_service(**{self.update_kwarg: obj}, actor=request.user)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        """Delete selected: one service call per row (each emits its event), all or none."""
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        """Inline rows deleted here go through their own model's delete service."""
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            owner = self.admin_site._registry.get(type(obj))
            if isinstance(owner, ServiceAdmin):
                owner.delete_model(request, obj)
            else:
                obj.delete()
        for obj in instances:
            obj.save()
        formset.save_m2m()


def status_action(service: Callable[..., Any], kwarg: str, status: str, noun: str):
    """An admin action moving each selected row to ``status`` through ``service``."""

    def action(modeladmin, request, queryset):
        moved, failed = 0, []
        for obj in queryset:
            if getattr(obj, "status", None) == status:
                continue
            try:
                service(**{kwarg: obj}, status=status, actor=request.user)
                moved += 1
            except ValidationError as exc:
                failed.append(f"{obj}: {'; '.join(exc.messages)}")
        modeladmin.message_user(request, f"Moved {moved} {noun}(s) to {status}.", messages.SUCCESS)
        for line in failed:
            modeladmin.message_user(request, line, messages.ERROR)

    slug = status.lower().replace(" ", "_").replace("-", "_")
    action.__name__ = f"set_status_{slug}"
    action.short_description = f"Move selected {noun}s to {status}"
    return action
