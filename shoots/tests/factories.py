"""Shoot rows for tests and for the demo: ``build_shoot`` (unsaved) and ``make_shoot``."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from clients.tests.factories import make_client
from localbzz.testing import sequence
from shoots.models import Shoot, ShootAssignment

TWO_HOURS = timedelta(hours=2)


def build_shoot(**kw) -> Shoot:
    """An unsaved, valid shoot; ``shoot_end`` follows the model's rule (start + duration)."""
    if "shoot_start" not in kw:  # computed only when needed: the demo builds thousands
        kw["shoot_start"] = timezone.now() + timedelta(days=sequence() % 20)
    kw.setdefault("duration", TWO_HOURS)
    kw.setdefault("location", "Main Street 1")
    shoot = Shoot(**kw)
    shoot.compute_end()
    return shoot


def make_shoot(client=None, crew=(), **kw) -> Shoot:
    """A saved shoot of ``client`` (a new one by default); ``crew``: (member, role) pairs."""
    shoot = build_shoot(**kw)
    shoot.client = client or make_client()
    shoot.save(force_insert=True)
    for member, role in crew:
        ShootAssignment.objects.create(shoot=shoot, team_member=member, role=role)
    return shoot
