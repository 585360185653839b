"""Retention: how long each kind of data is kept (``RETENTION_*`` settings, in days; 0 keeps
it forever), enforced by the nightly job ``localbzz.audit.jobs.apply_retention``.

The kernel names no entity app: an app registers its kinds in ``AppConfig.ready()``::

    register_retention("rejected_leads", "RETENTION_REJECTED_LEADS_DAYS",
                       lambda cutoff: FormSubmission.objects.filter(..., updated_at__lt=cutoff))
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

_kinds: dict[str, tuple[str, Callable]] = {}


def register_retention(kind: str, setting: str, expired: Callable) -> None:
    """``expired(cutoff)``: a queryset of the rows of ``kind`` older than ``cutoff``."""
    _kinds[kind] = (setting, expired)


def apply_retention(now=None) -> dict[str, int]:
    """Deletes what is past its retention period; ``{kind: rows removed}`` for every kind."""
    now = now or timezone.now()
    report = {}
    for kind in sorted(_kinds):
        setting, expired = _kinds[kind]
        days = int(getattr(settings, setting, 0) or 0)
        if days <= 0:
            report[kind] = 0
            continue
        with transaction.atomic():
            rows = expired(now - timedelta(days=days))
            report[kind] = rows.delete()[1].get(rows.model._meta.label, 0)
    return report
