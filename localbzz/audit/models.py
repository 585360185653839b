"""The audit trail: append-only entries chained by a keyed hash.

Why a table of its own and not a chain over the events outbox: events are rewritten and
removed by design (GDPR erasure anonymises their payloads, retention deletes old ones), and
audit-only facts (sign-ins, failed sign-ins, key use, privacy reads) are not events. So every
committed event is copied here as an entry (``signals.py``), and the security facts are
written here directly (``trail.record``).

An entry has two parts:

- the *chained* part: time, action, actor id, object, request id, surface, the digest of the
  personal part, and ``prev_hash`` (the previous entry's ``hash``); ``hash`` is an HMAC of
  all of them, keyed with ``AUDIT_CHAIN_KEY`` (kept out of the database);
- the *personal* part: the actor's e-mail, the address, the before/after details. A GDPR
  erasure may blank it; the entry's digest then no longer matches, which verification accepts
  only for entries a later ``privacy.erased`` entry names.

So an edited entry (its hash or its digest no longer matches) and a deleted one (the next
entry's ``prev_hash`` names a hash that is not the previous entry's) are both detected.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class AuditEntry(models.Model):
    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=64, db_index=True)
    actor_id = models.CharField(max_length=64, blank=True, db_index=True)
    actor_role = models.CharField(max_length=10, blank=True)
    object_type = models.CharField(max_length=64, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    request_id = models.CharField(max_length=64, blank=True)
    surface = models.CharField(max_length=16, blank=True, help_text="api, dashboard, admin, ...")
    # the personal part (may be blanked by an erasure; its digest stays in the chain)
    actor_label = models.CharField(max_length=254, blank=True)
    ip = models.CharField(max_length=45, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    digest = models.CharField(max_length=64)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"#{self.pk} {self.action}"
