"""The audit log as people read it: one row per action, object names with links to their
pages, field labels, before → after values.

The kernel imports no entity app: models come from the app registry by the entries'
``object_type`` (``"tasks.task"``), and the staff page of a model is found once in the URL
configuration (a ``detail`` or ``edit`` pattern whose view is named after the model). Names
are read with one query per object type shown on the page.
"""

from __future__ import annotations

from datetime import timedelta
from functools import cache

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import URLResolver, get_resolver, reverse

#: entries of one action: same actor, object and request, written within this time
SAME_ACTION = timedelta(seconds=2)
#: a value longer than this is cut on the page
LONG = 120


@cache
def _page_names() -> dict[str, str]:
    """``{"<app label>.<model name>": URL name}`` of the staff pages that take a ``pk``."""
    found: dict[str, str] = {}

    def walk(resolver, namespace: str) -> None:
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                walk(p, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif p.name in ("detail", "edit") and "<uuid:pk>" in str(p.pattern):
                view = getattr(p.callback, "__name__", "")
                prefix = view.rsplit("_", 1)[0]
                config = apps.get_containing_app_config(p.callback.__module__)
                if config is None or not prefix:
                    continue
                for model in config.get_models():
                    key = model._meta.label_lower
                    if prefix in model._meta.model_name and (
                        key not in found or p.name == "detail"
                    ):
                        found[key] = f"{namespace}{p.name}"

    walk(get_resolver(), "")
    return found


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _label(model, field: str) -> str:
    if model is None:
        return field.replace("_", " ").capitalize()
    try:
        name = model._meta.get_field(field).verbose_name
    except FieldDoesNotExist:
        name = field.replace("_", " ")
    return str(name)[:1].upper() + str(name)[1:]


def _show(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_show(v)}" for k, v in value.items() if v not in (None, ""))
    text = str(value)
    return text if len(text) <= LONG else text[: LONG - 1] + "…"


def _same_action(a, b) -> bool:
    return (
        a.object_type == b.object_type
        and a.object_id == b.object_id
        and a.actor_id == b.actor_id
        and a.request_id == b.request_id
        and a.action.split(".")[0] == b.action.split(".")[0]
        and abs(a.occurred_at - b.occurred_at) <= SAME_ACTION
    )


def _verb(actions: list[str]) -> str:
    """``deliverable.status_changed`` + ``deliverable.updated`` → "Status changed"."""
    verbs = [a.split(".", 1)[-1] for a in actions]
    if "status_changed" in verbs:
        return "Status changed"
    return verbs[0].replace("_", " ").capitalize()


def readable_rows(entries, unseal) -> list[dict]:
    """The page's entries as rows: consecutive entries of one action become one row."""
    groups: list[list] = []
    for entry in entries:
        if groups and _same_action(groups[-1][-1], entry):
            groups[-1].append(entry)
        else:
            groups.append([entry])
    names = _names({(e.object_type, e.object_id) for e in entries if e.object_id})
    rows = []
    for group in groups:
        head = group[0]
        model = _model(head.object_type)
        changes: dict = {}
        before: dict = {}
        for entry in group:
            detail = unseal(entry.detail or {})
            for field, change in (detail.get("changes") or {}).items():
                changes.setdefault(field, change)
            before = before or detail.get("before") or {}
            if not detail.get("changes") and not detail.get("before"):
                for key, value in detail.items():
                    if key not in ("changes", "before"):
                        changes.setdefault(key, value)
        name, url = names.get((head.object_type, head.object_id), ("", ""))
        if not name and before:
            name = str(before.get("title") or before.get("name") or before.get("email") or "")
        rows.append(
            {
                "entry": head,
                "ids": [e.pk for e in group],
                "actions": [e.action for e in reversed(group)],  # in the order written
                "verb": _verb([e.action for e in group]),
                "kind": model._meta.verbose_name.capitalize() if model else head.object_type,
                "name": name,
                "url": url,
                "changes": [_change(model, field, change) for field, change in changes.items()],
            }
        )
    return rows


def _change(model, field: str, change) -> dict:
    if isinstance(change, dict) and set(change) == {"from", "to"}:
        return {
            "label": _label(model, field),
            "before": _show(change["from"]),
            "after": _show(change["to"]),
        }
    return {"label": _label(model, field), "value": _show(change)}


def _names(keys: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
    """``{(object type, id): (name, page URL)}``, one query per object type."""
    by_type: dict[str, set[str]] = {}
    for object_type, object_id in keys:
        by_type.setdefault(object_type, set()).add(object_id)
    pages = _page_names()
    found = {}
    for object_type, ids in by_type.items():
        model = _model(object_type)
        if model is None:
            continue
        pk = model._meta.pk
        valid = []
        for raw in ids:
            try:
                valid.append(pk.to_python(raw))
            except Exception:  # noqa: BLE001, S112 - an id of another shape names nothing
                continue
        related = [
            f.name for f in model._meta.concrete_fields if f.is_relation and f.name == "client"
        ]
        for obj in model._default_manager.filter(pk__in=valid).select_related(*related):
            url = reverse(pages[object_type], args=[obj.pk]) if object_type in pages else ""
            name = f"{obj} ({obj.client})" if related and obj.client_id else str(obj)
            found[(object_type, str(obj.pk))] = (name, url)
    return found
