"""Shared pieces of the Django admin screens: saves and deletes through services, status
actions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
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


@dataclass(frozen=True)
class ServiceSet:
    """A model's write services and the keyword they take for the object."""

    kwarg: str
    create: Callable[..., models.Model] | None = None
    update: Callable[..., models.Model] | None = None
    delete: Callable[..., None] | None = None

    @classmethod
    def named(cls, module: ModuleType, prefix: str, kwarg: str | None = None) -> ServiceSet:
        """``<prefix>_create`` / ``_update`` / ``_delete`` of a services module (those it
        has), the object passed as ``kwarg`` (default: the prefix)."""
        verbs = ("create", "update", "delete")
        found = {verb: getattr(module, f"{prefix}_{verb}", None) for verb in verbs}
        return cls(kwarg=kwarg or prefix, **found)


class ServiceAdmin(admin.ModelAdmin):
    """Saves and deletes go through the app's services, so admin changes emit the same
    events (and land in the audit log) as the API's.

    ``create_service(actor=..., **fields)``, ``update_service(<update_kwarg>=obj, actor=...,
    **changed_fields)`` and ``delete_service(<update_kwarg>=obj, actor=...)`` are the app's
    service functions, registered per model by setting them on its admin class (or all at
    once: ``services = ServiceSet.named(services_module, "shoot")``). The form
    has already put the new values on ``obj``; the update service is given a fresh copy
    from the database so it sees what changed, and ``obj`` takes the saved state back.
    A delete, a bulk delete ("Delete selected") and a row deleted in an inline of another
    model's page all go through the delete service of the deleted row's own admin.
    """

    create_service: Callable[..., models.Model] | None = None
    update_service: Callable[..., models.Model] | None = None
    delete_service: Callable[..., None] | None = None
    update_kwarg: str = "instance"
    services: ServiceSet | None = None
    list_per_page = 50
    show_full_result_count = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        found = cls.__dict__.get("services")
        if found is not None:
            cls.create_service = found.create
            cls.update_service = found.update
            cls.delete_service = found.delete
            cls.update_kwarg = found.kwarg

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


class SelectRelatedInline:
    """Mixin for an inline whose rows load the ``select_related`` relations in the same
    query (an inline ignores ``list_select_related``)."""

    select_related: tuple[str, ...] = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.select_related)


def run_each(modeladmin, request, rows, func: Callable[[Any], Any], done: str) -> None:
    """Calls ``func(row)`` for each row, then says ``done`` (``{n}``: the rows it worked
    for) and, one message each, why the service refused the others."""
    count, failed = 0, []
    for row in rows:
        try:
            func(row)
            count += 1
        except ValidationError as exc:
            failed.append(f"{row}: {'; '.join(exc.messages)}")
    modeladmin.message_user(request, done.format(n=count), messages.SUCCESS)
    for line in failed:
        modeladmin.message_user(request, line, messages.ERROR)


def status_action(service: Callable[..., Any], kwarg: str, status: str, noun: str):
    """An admin action moving each selected row to ``status`` through ``service``."""

    def action(modeladmin, request, queryset):
        run_each(
            modeladmin,
            request,
            [obj for obj in queryset if getattr(obj, "status", None) != status],
            lambda obj: service(**{kwarg: obj}, status=status, actor=request.user),
            f"Moved {{n}} {noun}(s) to {status}.",
        )

    slug = status.lower().replace(" ", "_").replace("-", "_")
    action.__name__ = f"set_status_{slug}"
    action.short_description = f"Move selected {noun}s to {status}"
    return action
