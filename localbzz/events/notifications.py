"""Who is told about what: in-app notifications and e-mail, respecting preferences."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from localbzz.accounts.models import Role
from localbzz.accounts.permissions import admin_users, staff_users

from .models import Event, Notification, NotificationKind, NotificationPreference


@dataclass
class Message:
    kind: str
    title: str
    body: str
    url: str


def recipients_for(event: Event) -> tuple[Message | None, list]:
    """The message an event produces and the users it concerns (none for most events)."""
    User = get_user_model()
    obj = event.data.get("object") or {}
    changes = event.data.get("changes") or {}
    name = obj.get("name") or obj.get("title") or obj.get("business_name") or ""
    if event.type == "task.assigned":
        member_id = (changes.get("assignee") or {}).get("id")
        msg = Message(
            NotificationKind.TASK_ASSIGNED,
            f"Task assigned to you: {name}",
            obj.get("description", "")[:300],
            f"/tasks/{event.object_id}/",
        )
        return msg, list(User.objects.filter(is_active=True, team_member_id=member_id))
    if event.type in ("portal_request.created", "portal_request.updated"):
        became_urgent = (changes.get("priority") or {}).get("to") == "Urgent"
        if (event.type == "portal_request.created" and obj.get("priority") == "Urgent") or (
            became_urgent
        ):
            msg = Message(
                NotificationKind.URGENT_REQUEST,
                "Urgent portal request",
                (obj.get("content") or "")[:300],
                f"/requests/{event.object_id}/",
            )
            return msg, list(staff_users())
    if event.type == "form_submission.created":
        msg = Message(
            NotificationKind.FORM_SUBMISSION,
            f"New form submission: {name}",
            (obj.get("contact_name") or "") + " " + (obj.get("email") or ""),
            f"/submissions/{event.object_id}/",
        )
        return msg, list(staff_users())
    if event.type == "deliverable.status_changed":
        review = changes.get("review") or {}
        to = (changes.get("status") or {}).get("to")
        if review.get("decision") == "Changes Requested":
            from deliverables.models import Deliverable

            member_id = (
                Deliverable.objects.filter(pk=event.object_id)
                .values_list("assignee_id", flat=True)
                .first()
            )
            msg = Message(
                NotificationKind.CHANGES_REQUESTED,
                f"Changes requested: {name}",
                review.get("comment", ""),
                f"/deliverables/{event.object_id}/",
            )
            users = User.objects.filter(is_active=True, team_member_id=member_id)
            return msg, list(users) if member_id else []
        if to == "Needs Review" and event.client_id:
            msg = Message(
                NotificationKind.REVIEW_NEEDED,
                f"Waiting for your review: {name}",
                "A deliverable is ready for you to approve or request changes.",
                "",
            )
            users = User.objects.filter(is_active=True, role=Role.CLIENT, client_id=event.client_id)
            return msg, list(users)
    return None, []


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
    if mail_to:
        from .jobs import send_notification_email

        event_id = str(event.pk) if event else None
        for user_id in mail_to:
            send_notification_email.delay(
                str(user_id), message.kind, message.title, message.body, message.url, event_id
            )
    return created


def notify_for_event(event: Event) -> list[Notification]:
    """Notifies the people an event concerns (task assignee, staff, client users, ...)."""
    message, users = recipients_for(event)
    if message is None:
        return []
    if event.actor_id:
        users = [u for u in users if u.pk != event.actor_id]
    return deliver(message, users, event=event)


def notify_admins_endpoint_disabled(endpoint) -> None:
    """Tells every admin, after commit, that a webhook endpoint was disabled."""
    message = Message(
        NotificationKind.WEBHOOK_DISABLED,
        f"Webhook endpoint disabled: {endpoint.url}"[:200],
        endpoint.disabled_reason,
        f"/events/webhooks/{endpoint.pk}/",
    )
    transaction.on_commit(lambda: deliver(message, list(admin_users())), robust=True)


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
    from django.utils import timezone

    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())
