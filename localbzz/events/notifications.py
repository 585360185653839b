"""Who is told about what: in-app notifications and e-mail, respecting preferences.

The rules are registered: each app says, in its ``events.py``, which of its events notify
whom (``@notification_rule("task.assigned")``). ``fanout`` calls ``notify_for_event``; the
e-mails are queued by job name (the job lives in ``jobs.py``, above this module).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from localbzz.accounts.models import Role
from localbzz.accounts.permissions import admin_users
from localbzz.celery import app as celery_app

from .models import Event, Notification, NotificationKind, NotificationPreference

#: the Celery job that e-mails one notification (defined in jobs.py)
SEND_MAIL_JOB = "localbzz.events.jobs.send_notification_email"


@dataclass
class Message:
    kind: str
    title: str
    body: str
    url: str


#: what a rule answers: the message and who gets it, or None (the event concerns no one)
Notice = tuple[Message, Iterable] | None
Rule = Callable[[Event], Notice]

_rules: dict[str, list[Rule]] = {}


def notification_rule(*event_types: str):
    """Registers a rule for events of these types (a decorator; apps use it in their
    ``events.py``, imported by their ``AppConfig.ready()``)."""

    def register(rule: Rule) -> Rule:
        for event_type in event_types:
            _rules.setdefault(event_type, []).append(rule)
        return rule

    return register


def recipients_for(event: Event) -> tuple[Message | None, list]:
    """The message an event produces and the users it concerns (none for most events):
    the first registered rule for its type that answers."""
    for rule in _rules.get(event.type, ()):
        notice = rule(event)
        if notice is not None:
            message, users = notice
            return message, list(users)
    return None, []


def object_name(event: Event) -> str:
    """The name a message shows for the event's object."""
    obj = event.data.get("object") or {}
    return obj.get("name") or obj.get("title") or obj.get("business_name") or ""


def active_users(**filters):
    """Active users matching ``filters`` (e.g. ``team_member_id=...``)."""
    return get_user_model().objects.filter(is_active=True, **filters)


@notification_rule("webhook_endpoint.disabled")
def endpoint_disabled(event: Event) -> Notice:
    """Every admin hears that a webhook endpoint was disabled (410, or failing for days)."""
    obj = event.data.get("object") or {}
    message = Message(
        NotificationKind.WEBHOOK_DISABLED,
        f"Webhook endpoint disabled: {obj.get('url', '')}"[:200],
        obj.get("disabled_reason", ""),
        reverse("events:webhook_detail", args=[event.object_id]),
    )
    return message, admin_users()


def deliver(message: Message, users: list, *, event: Event | None = None) -> list[Notification]:
    """Creates the in-app rows and queues the e-mails, each as the user's preferences say."""
    if event is not None:
        # A re-dispatched event (sweep) neither notifies nor e-mails anyone twice.
        already = set(
            Notification.objects.filter(event=event, kind=message.kind).values_list(
                "user_id", flat=True
            )
        )
        users = [u for u in users if u.pk not in already]
    if not users:
        return []
    prefs = {
        p.user_id: p
        for p in NotificationPreference.objects.filter(
            user__in=[u.pk for u in users], kind=message.kind
        )
    }
    rows, mail_to = [], []
    for user in users:
        pref = prefs.get(user.pk)
        if pref is None or pref.in_app:
            url = message.url
            rows.append(
                Notification(
                    user=user,
                    kind=message.kind,
                    event=event,
                    title=message.title[:200],
                    body=message.body,
                    url=url,
                )
            )
        if pref is None or pref.email:
            mail_to.append(user.pk)
    # ignore_conflicts: a re-dispatched event (sweep) does not notify twice
    created = Notification.objects.bulk_create(rows, ignore_conflicts=True)
    event_id = str(event.pk) if event else None
    for user_id in mail_to:
        args = (str(user_id), message.kind, message.title, message.body, message.url, event_id)
        celery_app.signature(SEND_MAIL_JOB, args=args).apply_async()
    return created


def notify_for_event(event: Event) -> list[Notification]:
    """Notifies the people an event concerns (task assignee, staff, client users, ...)."""
    message, users = recipients_for(event)
    if message is None:
        return []
    if event.actor_id:
        users = [u for u in users if u.pk != event.actor_id]
    return deliver(message, users, event=event)


def preferences_for(user) -> list[dict]:
    """Every kind with the user's in-app and e-mail choice (defaults: both on)."""
    saved = {p.kind: p for p in NotificationPreference.objects.filter(user=user)}
    kinds = NotificationKind.choices
    if getattr(user, "role", None) == Role.CLIENT:
        kinds = [(k, label) for k, label in kinds if k == NotificationKind.REVIEW_NEEDED]
    result = []
    for kind, label in kinds:
        pref = saved.get(kind)
        result.append(
            {
                "kind": kind,
                "label": label,
                "in_app": pref.in_app if pref else True,
                "email": pref.email if pref else True,
            }
        )
    return result


@transaction.atomic
def notification_preference_set(*, user, kind: str, in_app: bool, email: bool):
    """Saves whether ``user`` wants ``kind`` in the app and by e-mail."""
    pref, _ = NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"in_app": in_app, "email": email}
    )
    return pref


@transaction.atomic
def notifications_mark_read(*, user, ids=None) -> int:
    """Marks the user's notifications read (all unread ones, or those in ``ids``)."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


def save_preferences(user, data) -> None:
    """Applies a submitted preferences form: a checkbox left out means off."""
    allowed = {row["kind"] for row in preferences_for(user)}
    for kind in NotificationKind.values:
        if kind in allowed:
            notification_preference_set(
                user=user,
                kind=kind,
                in_app=data.get(f"{kind}_in_app") in ("on", "true", "1"),
                email=data.get(f"{kind}_email") in ("on", "true", "1"),
            )
