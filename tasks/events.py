"""The tasks app in the event stream: types, representation, notification rules."""

from localbzz.events.models import NotificationKind
from localbzz.events.notifications import Message, active_users, notification_rule, object_name
from localbzz.events.representation import object_url, register_entity
from localbzz.events.types import register_event_types

register_event_types(
    "task.created", "task.updated", "task.assigned", "task.completed", "task.deleted"
)
register_entity("tasks.task", serializer="tasks.api.serializers.TaskSerializer", url="tasks:detail")


@notification_rule("task.assigned")
def assigned(event):
    """The assignee hears of a task given to them."""
    member_id = ((event.data.get("changes") or {}).get("assignee") or {}).get("id")
    message = Message(
        NotificationKind.TASK_ASSIGNED,
        f"Task assigned to you: {object_name(event)}",
        ((event.data.get("object") or {}).get("description") or "")[:300],
        object_url(event.object_type, event.object_id),
    )
    return message, active_users(team_member_id=member_id)
