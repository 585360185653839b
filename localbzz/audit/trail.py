"""Writing and verifying the audit trail (see ``models.py`` for the chain's shape).

``record`` appends one entry in the caller's transaction, after the last one: on PostgreSQL
under a transaction-level advisory lock, elsewhere under a process lock (SQLite writes one
transaction at a time anyway), so no two entries claim the same predecessor.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from dataclasses import dataclass
from datetime import UTC

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from localbzz.crypto import SEALED

from .context import current, describe
from .models import AuditEntry

ERASED = "privacy.erased"
_LOCK_ID = 7_140_014  # the advisory lock of the chain's head
_process_lock = threading.Lock()
_SECRET_WORDS = ("secret", "password", "token", "key_hash", "signature", "otp")
REDACTED = "[redacted]"


def redact(value):
    """``value`` with every secret-looking key's value replaced (nested dicts and lists)."""
    if isinstance(value, dict):
        return {
            k: REDACTED if any(w in str(k).lower() for w in _SECRET_WORDS) else redact(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder)


def _key() -> bytes:
    return (getattr(settings, "AUDIT_CHAIN_KEY", "") or settings.SECRET_KEY).encode()


def personal_digest(entry: AuditEntry) -> str:
    return hashlib.sha256(
        _canonical([entry.actor_label, entry.ip, entry.detail]).encode()
    ).hexdigest()


def chain_hash(entry: AuditEntry) -> str:
    fields = [
        entry.prev_hash,
        entry.occurred_at.astimezone(UTC).isoformat(),
        entry.action,
        entry.actor_id,
        entry.actor_role,
        entry.object_type,
        entry.object_id,
        entry.request_id,
        entry.surface,
        entry.digest,
    ]
    return hmac.new(_key(), _canonical(fields).encode(), hashlib.sha256).hexdigest()


def record(
    action: str,
    *,
    actor=None,
    actor_label: str = "",
    object_type: str = "",
    object_id: str = "",
    detail: dict | None = None,
    request=None,
    occurred_at=None,
) -> AuditEntry:
    """Appends an entry. ``actor`` is a user (or None); ``request`` gives the request id and
    address (else the current request's, else none: a job)."""
    ctx = describe(request) if request is not None else current()
    user = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(
        occurred_at=occurred_at or timezone.now(),
        action=action[:64],
        actor_id=str(user.pk) if user else "",
        actor_role=(user.role or "")[:10] if user else "",
        actor_label=(user.email if user else actor_label)[:254],
        object_type=object_type[:64],
        object_id=str(object_id)[:64],
        request_id=ctx["request_id"][:64],
        surface=ctx["surface"][:16],
        ip=(ctx["ip"] or "")[:45],
        detail=json.loads(_canonical(redact(detail or {}))),
    )
    entry.digest = personal_digest(entry)
    with transaction.atomic(), _head_lock():
        last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
        entry.prev_hash = last or ""
        entry.hash = chain_hash(entry)
        entry.save(force_insert=True)
    return entry


def record_read(
    action: str, *, request, object_type: str = "", object_id: str = "", detail=None
) -> AuditEntry:
    """A sensitive read (an export, a privacy bundle, a file download) by the request's user.

    The apps above the kernel call this where they serve such a read; the kernel names none
    of them. Actions: ``export.downloaded``, ``privacy.exported``, ``attachment.downloaded``.
    """
    return record(
        action,
        actor=getattr(request, "user", None),
        object_type=object_type,
        object_id=object_id,
        detail=detail,
        request=request,
    )


class _head_lock:  # noqa: N801 - used as a context manager
    def __enter__(self):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])
            self.held = False
        else:
            _process_lock.acquire()
            self.held = True
        return self

    def __exit__(self, *exc):
        if self.held:
            _process_lock.release()


@dataclass
class Broken:
    entry_id: int
    reason: str

    def __str__(self):
        return f"entry #{self.entry_id}: {self.reason}"


def verify(batch: int = 2000) -> Broken | None:
    """The first broken link of the chain (oldest first), or None when it holds.

    The oldest remaining entry anchors the chain (retention removes from the old end).
    """
    erased = set()
    for detail in AuditEntry.objects.filter(action=ERASED).values_list("detail", flat=True):
        erased.update(int(i) for i in (detail or {}).get("entries", []) if str(i).isdigit())
    previous = None
    last_id = 0
    while True:
        rows = list(AuditEntry.objects.filter(id__gt=last_id).order_by("id")[:batch])
        if not rows:
            return None
        for entry in rows:
            if previous is not None and entry.prev_hash != previous.hash:
                return Broken(entry.pk, f"does not follow entry #{previous.pk}: one is missing")
            if chain_hash(entry) != entry.hash:
                return Broken(entry.pk, "its recorded fields were changed")
            if personal_digest(entry) != entry.digest and entry.pk not in erased:
                return Broken(entry.pk, "its details were changed")
            previous = entry
        last_id = rows[-1].pk


def blank_entries(*, user_id: str, values: set[str], scrubber) -> list[int]:
    """GDPR erasure: blanks the personal part of the person's entries (theirs: e-mail and
    address; any entry: the values in its details). The chained part stays, so the chain
    verifies; the ids go into the ``privacy.erased`` entry. Returns the ids changed."""
    match = Q(actor_id=user_id) if user_id else Q(pk__in=[])
    for value in values:
        match |= Q(actor_label__iexact=value) | Q(_detail_text__icontains=value)
    match |= Q(_detail_text__contains=SEALED)  # encrypted values: the scrubber opens them
    changed = []
    rows = AuditEntry.objects.annotate(_detail_text=Cast("detail", TextField())).filter(match)
    for entry in rows.exclude(action=ERASED).iterator():
        own = bool(user_id) and entry.actor_id == user_id
        label = "" if own or entry.actor_label.lower() in values else entry.actor_label
        update = {"actor_label": label, "ip": "" if own else entry.ip}
        update["detail"] = scrubber(entry.detail)
        if any(getattr(entry, k) != v for k, v in update.items()):
            AuditEntry.objects.filter(pk=entry.pk).update(**update)
            changed.append(entry.pk)
    return changed
