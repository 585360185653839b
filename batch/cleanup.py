"""Data cleanup (DESIGN.md §8): phone numbers and e-mails that are not in their normal form,
phone numbers that are no numbers at all, likely duplicate leads and clients.

``build_report`` reads clients, team members and form submissions (their contact fields are
encrypted at rest, so they are compared here, not in SQL), and keeps what it found as a
``CleanupReport``; the page ``/jobs/cleanup/`` shows the latest one with its actions.
``fix`` applies one finding's suggestion through the entity's own update service (so the
change is validated, audited and emitted like any other edit).
"""

from __future__ import annotations

from collections import defaultdict

import phonenumbers
from django.conf import settings
from django.db import transaction

from clients.models import Client
from forms.models import FormSubmission
from localbzz.events.representation import object_url
from team.models import TeamMember

from .collections import COLLECTIONS
from .models import CleanupReport

KEEP = 10  # reports kept

#: object_type -> (model, the batch collection whose update service writes it, label fields)
SOURCES = {
    "client": (Client, "clients", ("name",)),
    "team-member": (TeamMember, "team-members", ("name",)),
    "form-submission": (FormSubmission, "form-submissions", ("business_name", "contact_name")),
}
FIXABLE = {"phone_format", "email_format"}


def normal_phone(value: str) -> tuple[str | None, bool]:
    """(the E.164 form, whether it is a valid number); (None, False) when unreadable."""
    try:
        number = phonenumbers.parse(value, settings.CLEANUP_PHONE_REGION)
    except phonenumbers.NumberParseException:
        return None, False
    if not phonenumbers.is_valid_number(number):
        return None, False
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), True


def _label(obj, fields) -> str:
    return " · ".join(str(getattr(obj, f)) for f in fields if getattr(obj, f, ""))


def _finding(kind, object_type, obj, fields, field, value, suggestion="", **extra) -> dict:
    return {
        "kind": kind,
        "object_type": object_type,
        "object_id": str(obj.pk),
        "label": _label(obj, fields),
        "url": object_url(obj._meta.label_lower, str(obj.pk)),
        "field": field,
        "value": value,
        "suggestion": suggestion,
        **extra,
    }


def findings() -> list[dict]:
    found: list[dict] = []
    for object_type, (model, _, fields) in SOURCES.items():
        by_email, by_phone, by_name = defaultdict(list), defaultdict(list), defaultdict(list)
        for obj in model.objects.order_by("pk").iterator(chunk_size=2000):
            phone = (obj.phone or "").strip()
            normal = None
            if phone:
                normal, valid = normal_phone(phone)
                if not valid:
                    found.append(
                        _finding("phone_invalid", object_type, obj, fields, "phone", phone)
                    )
                elif normal != obj.phone:
                    found.append(
                        _finding("phone_format", object_type, obj, fields, "phone", phone, normal)
                    )
            email = obj.email or ""
            if email and email != email.strip().lower():
                found.append(
                    _finding(
                        "email_format", object_type, obj, fields, "email", email,
                        email.strip().lower(),
                    )
                )  # fmt: skip
            if object_type == "team-member":
                continue
            if email.strip():
                by_email[email.strip().lower()].append(obj)
            if normal:
                by_phone[normal].append(obj)
            if object_type == "client":
                by_name[obj.name.strip().lower()].append(obj)
        kind = "duplicate_lead" if object_type == "form-submission" else "duplicate_client"
        seen: set = set()
        for field, groups in (("email", by_email), ("phone", by_phone), ("name", by_name)):
            for value, objs in groups.items():
                ids = tuple(str(o.pk) for o in objs)
                if len(objs) < 2 or ids in seen:
                    continue
                seen.add(ids)
                others = [
                    {"id": str(o.pk), "label": _label(o, fields),
                     "url": object_url(o._meta.label_lower, str(o.pk))}
                    for o in objs[1:]
                ]  # fmt: skip
                found.append(
                    _finding(kind, object_type, objs[0], fields, field, value, others=others)
                )
    return found


def build_report() -> CleanupReport:
    """Finds everything and keeps it as the newest report (older ones beyond ``KEEP`` go)."""
    found = findings()
    counts: dict = defaultdict(int)
    for item in found:
        counts[item["kind"]] += 1
    report = CleanupReport.objects.create(findings=found, counts=dict(counts))
    stale = CleanupReport.objects.order_by("-created_at").values_list("pk", flat=True)[KEEP:]
    CleanupReport.objects.filter(pk__in=list(stale)).delete()
    return report


@transaction.atomic
def fix(*, report: CleanupReport, index: int, actor) -> dict:
    """Applies finding ``index`` of ``report`` (a phone or e-mail in its normal form) through
    the entity's update service, and drops it from the report. Raises ``LookupError`` for a
    finding that is gone or cannot be fixed this way."""
    report = CleanupReport.objects.select_for_update().get(pk=report.pk)
    try:
        item = report.findings[index]
    except (IndexError, TypeError):
        raise LookupError("That finding is no longer in the report.") from None
    if item["kind"] not in FIXABLE:
        raise LookupError("This finding has no automatic fix; open the record instead.")
    model, collection, _ = SOURCES[item["object_type"]]
    obj = model.objects.filter(pk=item["object_id"]).first()
    if obj is None:
        raise LookupError("The record is gone.")
    COLLECTIONS[collection].update(obj, actor=actor, **{item["field"]: item["suggestion"]})
    report.findings = [f for i, f in enumerate(report.findings) if i != index]
    report.counts[item["kind"]] = max(0, report.counts.get(item["kind"], 1) - 1)
    report.save(update_fields=["findings", "counts"])
    return item
