"""GDPR: export everything held about a person, erase (anonymise) it everywhere.

The kernel names no entity app: each app registers what it holds about a person in its
``AppConfig.ready()``::

    register_privacy_handler(
        "forms.formsubmission",
        export=lambda email, user: FormSubmission.objects.filter(email__iexact=email),
        erase=anonymise_submissions,            # (email, user) -> rows changed
        identifiers=submission_identifiers,     # (email, user) -> the person's own values
    )

``erase_person`` first gathers the person's values (e-mail, names, phones) from every
handler, then lets each handler anonymise its rows the way its model needs (required fields
get placeholders; business records - deliverables, requests, reviews - stay, their author
becoming "Erased person"), then sweeps every remaining text and JSON column of every table
for those values (event payloads, webhook attempt excerpts, notifications, failed sign-ins,
free text that mentions the person), replacing them with ``[erased]``. The audit trail's
personal parts are blanked (its chain stays verifiable) and one ``privacy.erased`` entry
says that it happened, with counts and no data. Running it again changes nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from localbzz.audit.trail import blank_entries, record
from localbzz.crypto import SEALED, seal, unseal

ERASED = "[erased]"
ERASED_NAME = "Erased person"
#: values shorter than this are not swept from other rows' free text (too many false hits)
MIN_SWEEP_LENGTH = 5


@dataclass(frozen=True)
class PrivacyHandler:
    label: str
    export: Callable
    erase: Callable
    identifiers: Callable | None = None


_handlers: dict[str, PrivacyHandler] = {}
#: models whose rows the sweep leaves to their own handler (the audit trail's chained part)
_sweep_exempt: set[str] = set()


def register_privacy_handler(label, *, export, erase, identifiers=None, sweep=True) -> None:
    """Registers what ``label`` (an app or model label) holds about a person."""
    _handlers[label] = PrivacyHandler(label, export, erase, identifiers)
    if not sweep:
        _sweep_exempt.add(label)


def handlers() -> list[PrivacyHandler]:
    return [_handlers[k] for k in sorted(_handlers)]


def erased_email(pk) -> str:
    """A unique, undeliverable placeholder for a required (or unique) e-mail field."""
    return f"erased-{str(pk)[:36]}@erased.invalid"


def row_dict(obj) -> dict:
    """Every concrete field of a row, JSON-ready."""
    data = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _user_for(email: str):
    return get_user_model().objects.filter(email__iexact=email).first()


def normalise(email: str) -> str:
    return (email or "").strip().lower()


def export_person(email: str) -> dict:
    """Everything held about the person with ``email``: one JSON-ready document."""
    email = normalise(email)
    user = _user_for(email)
    sections = {}
    for handler in handlers():
        rows = [
            unseal(r if isinstance(r, dict) else row_dict(r)) for r in handler.export(email, user)
        ]
        if rows:
            sections[handler.label] = rows
    return {"email": email, "generated_at": timezone.now().isoformat(), "data": sections}


def identifiers_of(email: str, user=None) -> set[str]:
    """The person's own values (e-mail, names, phones) that every handler knows of."""
    found = {email}
    for handler in handlers():
        if handler.identifiers:
            found |= {v.strip() for v in handler.identifiers(email, user) if v and v.strip()}
    return {v for v in found if len(v) >= 3 and v not in (ERASED, ERASED_NAME)}


def _pattern(values: Iterable[str]) -> re.Pattern | None:
    usable = sorted({v for v in values if len(v) >= MIN_SWEEP_LENGTH}, key=len, reverse=True)
    if not usable:
        return None
    return re.compile("|".join(re.escape(v) for v in usable), re.IGNORECASE)


def scrub(value, pattern: re.Pattern):
    """``value`` (text or JSON) with every match replaced by ``[erased]``."""
    if isinstance(value, str) and value.startswith(SEALED):  # an encrypted payload value
        plain = unseal(value)
        new = pattern.sub(ERASED, plain)
        return value if new == plain else seal(new)
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, dict):
        return {k: scrub(v, pattern) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v, pattern) for v in value]
    return value


def _text_fields(model) -> list:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
        and not f.primary_key
        and not getattr(f, "encrypted", False)  # ciphertext: its handler erases it
    ]


def sweep(values: Iterable[str]) -> dict[str, int]:
    """Replaces the values in every text and JSON column of every table; rows per model."""
    values = list(values)
    pattern = _pattern(values)
    if pattern is None:
        return {}
    needles = {v for v in values if len(v) >= MIN_SWEEP_LENGTH}
    needles |= {json.dumps(v)[1:-1] for v in needles}  # as JSON stores non-ASCII text
    changed = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        fields = _text_fields(model)
        if label in _sweep_exempt or model._meta.app_label in _sweep_exempt or not fields:
            continue
        qs = model._base_manager.all()
        match = Q()
        for field in fields:
            name = field.name
            if isinstance(field, models.JSONField):
                name = f"_privacy_{field.name}"
                qs = qs.annotate(**{name: Cast(field.name, TextField())})
            for needle in needles:
                match |= Q(**{f"{name}__icontains": needle})
            if isinstance(field, models.JSONField):  # encrypted values: opened in Python
                match |= Q(**{f"{name}__contains": SEALED})
        count = 0
        for obj in qs.filter(match).iterator():
            update = {}
            for field in fields:
                old = getattr(obj, field.attname)
                new = scrub(old, pattern)
                if new != old:
                    update[field.attname] = new
            if update:
                model._base_manager.filter(pk=obj.pk).update(**update)
                count += 1
        if count:
            changed[label] = count
    return changed


@transaction.atomic
def erase_person(email: str, *, actor=None) -> dict:
    """Anonymises the person everywhere; returns what changed (counts only). Idempotent."""
    email = normalise(email)
    user = _user_for(email)
    values = identifiers_of(email, user)
    pattern = _pattern(values | {email})
    counts = {}
    for handler in handlers():
        n = handler.erase(email, user, values)
        if n:
            counts[handler.label] = n
    for label, n in sweep(values).items():
        counts[f"sweep:{label}"] = n
    blanked = blank_entries(
        user_id=str(user.pk) if user else "",
        values=values,
        scrubber=(lambda v: scrub(v, pattern)) if pattern else (lambda v: v),
    )
    if blanked:
        counts["audit.auditentry"] = len(blanked)
    entry = record("privacy.erased", actor=actor, detail={"counts": counts, "entries": blanked})
    return {"counts": counts, "audit_entry": entry.pk}
