"""What every demo seeder shares: the seeded random generator, the clock, bulk inserts."""

from __future__ import annotations

import random
import uuid
from contextlib import contextmanager
from datetime import UTC, date, datetime

from django.db import models

from demo.data import FIRST, LAST

BATCH = 1000
SEED = 20240601


@contextmanager
def own_timestamps(*model_classes: type[models.Model]):
    """Lets bulk inserts keep the created_at / updated_at we give them (months of history)."""
    fields = [
        f
        for m in model_classes
        for f in m._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


class Demo:
    """One run: the same day and scale draw the same numbers, hence the same rows and ids."""

    def __init__(self, *, scale: int) -> None:
        self.scale = scale
        self.rng = random.Random(SEED + scale)
        today = date.today()
        self.now = datetime(today.year, today.month, today.day, 8, tzinfo=UTC)
        self.counts: dict[str, int] = {}

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def stamp(self, obj, created: datetime, updated: datetime | None = None):
        """Gives ``obj`` its id and a history: created then, updated later, never in the future."""
        obj.id = self.uuid()
        obj.created_at = min(created, self.now)
        obj.updated_at = min(max(updated or created, obj.created_at), self.now)
        return obj

    def insert(self, label: str, model: type[models.Model], rows: list) -> list:
        model.objects.bulk_create(rows, batch_size=BATCH)
        self.counts[label] = self.counts.get(label, 0) + len(rows)
        return rows

    def link(self, through: type[models.Model], rows: list) -> None:
        """Many-to-many rows: inserted, not counted."""
        through.objects.bulk_create(rows, batch_size=BATCH)

    def drive_link(self) -> str:
        return f"https://drive.google.com/file/d/{self.rng.getrandbits(64):016x}/view"

    def person(self) -> str:
        """A made-up first and last name."""
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
