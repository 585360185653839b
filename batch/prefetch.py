"""What a whole import file points at, read in a few queries before any row is validated.

Per row, validation used to read the row's own object (by id or natural key) and each
related object the serializer checks (``ServiceSerializer.related_ids``): several queries a
row. Here each kind is read once for the whole file (in chunks of ``CHUNK`` ids), among the
rows the importing user may see, and the serializer's ``related_object`` answers from it.
"""

from __future__ import annotations

import uuid
from itertools import islice

from localbzz.accounts.permissions import Action

CHUNK = 5_000


def as_uuid(value) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        return None


def _chunks(values, size=CHUNK):
    it = iter(values)
    while chunk := list(islice(it, size)):
        yield chunk


class Related:
    """Visible related rows by (model, pk), read per model in one query per chunk."""

    def __init__(self, user):
        self.user = user
        self.rows: dict = {}  # (model, pk) -> object or None (looked up: not visible)

    def prime(self, model, ids) -> None:
        wanted = {i for i in ids if i is not None and (model, i) not in self.rows}
        for chunk in _chunks(wanted):
            found = model.objects.visible_to(self.user, Action.VIEW).filter(pk__in=chunk)
            by_pk = {obj.pk: obj for obj in found}
            for pk in chunk:
                self.rows[(model, pk)] = by_pk.get(pk)

    def get(self, model, pk):
        """(known, object): known is False when ``pk`` was not primed."""
        key = (model, as_uuid(pk))
        if key in self.rows:
            return True, self.rows[key]
        return False, None


def primed_serializer(base: type, related: Related) -> type:
    """``base`` whose related-id checks answer from ``related`` (a query only for an id that
    was not primed)."""

    class Primed(base):
        def related_object(self, model, pk, user):
            known, obj = related.get(model, pk)
            if known:
                return obj
            return super().related_object(model, pk, user)

    Primed.__name__ = Primed.__qualname__ = base.__name__
    return Primed


class Existing:
    """The rows a file updates: by id (visible or merely existing) and by natural key."""

    def __init__(self, visible, model, key: str):
        self.visible = visible
        self.model = model
        self.key = key
        self.by_pk: dict = {}
        self.elsewhere: set = set()  # ids that exist but the user may not see
        self.by_key: dict = {}
        self.handed_out: set = set()

    def prime(self, ids, keys) -> None:
        ids = {i for i in ids if i is not None}
        for chunk in _chunks(ids):
            self.by_pk.update((obj.pk, obj) for obj in self.visible.filter(pk__in=chunk))
        hidden = ids - set(self.by_pk)
        for chunk in _chunks(hidden):
            exist = self.model.objects.filter(pk__in=chunk).values_list("pk", flat=True)
            self.elsewhere.update(exist)
        if self.key:
            for chunk in _chunks(set(keys)):
                for obj in self.visible.filter(**{f"{self.key}__in": chunk}):
                    self.by_key.setdefault(getattr(obj, self.key), obj)

    def _fresh(self, obj):
        """Each row gets its own instance: a second row of the same object reads it anew."""
        if obj is None or obj.pk not in self.handed_out:
            if obj is not None:
                self.handed_out.add(obj.pk)
            return obj
        return self.visible.filter(pk=obj.pk).first()

    def by_id(self, pk):
        """(visible object or None, whether it exists at all)."""
        obj = self.by_pk.get(pk)
        return self._fresh(obj), obj is not None or pk in self.elsewhere

    def by_natural_key(self, value):
        return self._fresh(self.by_key.get(value))
