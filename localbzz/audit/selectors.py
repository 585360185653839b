"""Reads of the audit trail (admins only), filtered the same way on the page and the API."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import QuerySet

from localbzz.accounts.permissions import is_admin_user
from localbzz.web import day_start

from .models import AuditEntry


def audit_entries(user, filters: dict | None = None) -> QuerySet[AuditEntry]:
    """Entries, newest first: ``type`` (an action prefix), ``actor`` (part of an e-mail),
    ``object_id``, ``since`` / ``until`` (dates, both included)."""
    if not is_admin_user(user):
        return AuditEntry.objects.none()
    qs = AuditEntry.objects.order_by("-id")
    filters = filters or {}
    if filters.get("type"):
        qs = qs.filter(action__startswith=filters["type"].strip())
    if filters.get("actor"):
        qs = qs.filter(actor_label__icontains=filters["actor"].strip())
    if filters.get("object_id"):
        qs = qs.filter(object_id=str(filters["object_id"]).strip())
    if filters.get("since"):
        qs = qs.filter(occurred_at__gte=day_start(filters["since"]))
    if filters.get("until"):
        qs = qs.filter(occurred_at__lt=day_start(filters["until"] + timedelta(days=1)))
    return qs
