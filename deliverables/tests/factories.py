"""Deliverables for tests and the demo: ``build_deliverable`` (unsaved) and ``make_deliverable``."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from clients.tests.factories import make_client
from deliverables.models import Deliverable, DeliverableStatus, DeliverableType
from localbzz.testing import sequence


def build_deliverable(**kw) -> Deliverable:
    """An unsaved, valid deliverable; its client is its shoot's when only the shoot is given."""
    if "title" not in kw or "due_date" not in kw:  # only when needed: the demo builds thousands
        n = sequence()
        kw.setdefault("title", f"Deliverable {n}")
        kw.setdefault("due_date", timezone.localdate() + timedelta(days=n % 14))
    kw.setdefault("deliverable_type", DeliverableType.REEL)
    kw.setdefault("status", DeliverableStatus.TO_DO)
    deliverable = Deliverable(**kw)
    if deliverable.shoot_id and not deliverable.client_id:
        deliverable.client_id = deliverable.shoot.client_id
    return deliverable


def make_deliverable(client=None, shoot=None, **kw) -> Deliverable:
    """A saved deliverable of ``client`` (the shoot's client, or a new one, by default)."""
    deliverable = build_deliverable(shoot=shoot, **kw)
    if client is None:
        client = shoot.client if shoot else make_client()
    deliverable.client = client
    deliverable.save(force_insert=True)
    return deliverable
