"""The deliverables app in the event stream: types, representation, notification rules."""

from localbzz.accounts.models import Role
from localbzz.events.models import NotificationKind
from localbzz.events.notifications import Message, active_users, notification_rule, object_name
from localbzz.events.representation import object_url, register_entity
from localbzz.events.types import register_event_types

from .models import Deliverable

DELIVERABLE_TYPES = (
    "deliverable.created",
    "deliverable.updated",
    "deliverable.status_changed",
    "deliverable.deleted",
)
register_event_types(*DELIVERABLE_TYPES, client_visible=DELIVERABLE_TYPES)
register_entity(
    "deliverables.deliverable",
    serializer="deliverables.api.serializers.DeliverableSerializer",
    url="deliverables:edit",
)


@notification_rule("deliverable.status_changed")
def review_outcome(event):
    """A client's "changes requested" tells the assignee; "Needs Review" tells the client."""
    changes = event.data.get("changes") or {}
    review = changes.get("review") or {}
    if review.get("decision") == "Changes Requested":
        member_id = (
            Deliverable.objects.filter(pk=event.object_id)
            .values_list("assignee_id", flat=True)
            .first()
        )
        message = Message(
            NotificationKind.CHANGES_REQUESTED,
            f"Changes requested: {object_name(event)}",
            review.get("comment", ""),
            object_url(event.object_type, event.object_id),
        )
        return message, active_users(team_member_id=member_id) if member_id else []
    if (changes.get("status") or {}).get("to") == "Needs Review" and event.client_id:
        message = Message(
            NotificationKind.REVIEW_NEEDED,
            f"Waiting for your review: {object_name(event)}",
            "A deliverable is ready for you to approve or request changes.",
            "",
        )
        return message, active_users(role=Role.CLIENT, client_id=event.client_id)
    return None
