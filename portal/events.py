"""The portal requests in the event stream: types, representation, notification rules."""

from clients.models import Client
from localbzz.accounts.permissions import staff_users
from localbzz.events.models import NotificationKind
from localbzz.events.notifications import Message, notification_rule
from localbzz.events.representation import object_url, register_entity
from localbzz.events.types import register_event_types

REQUEST_TYPES = (
    "portal_request.created",
    "portal_request.updated",
    "portal_request.replied",
    "portal_request.deleted",
    "portal_request.converted",
)
register_event_types(*REQUEST_TYPES, client_visible=REQUEST_TYPES)
register_entity(
    "portal.clientportalrequest",
    serializer="portal.api.serializers.ClientPortalRequestSerializer",
    url="requests:detail",
)


@notification_rule("portal_request.created", "portal_request.updated")
def urgent_request(event):
    """Staff hear of a request that arrives urgent or becomes urgent."""
    obj = event.data.get("object") or {}
    became_urgent = ((event.data.get("changes") or {}).get("priority") or {}).get("to") == "Urgent"
    arrived_urgent = event.type == "portal_request.created" and obj.get("priority") == "Urgent"
    if not (arrived_urgent or became_urgent):
        return None
    client = Client.objects.filter(pk=obj.get("client_id")).values_list("name", flat=True)
    name = client.first() if obj.get("client_id") else None
    message = Message(
        NotificationKind.URGENT_REQUEST,
        f"Urgent request from {name[:150]}" if name else "Urgent portal request",
        (obj.get("content") or "")[:300],
        object_url(event.object_type, event.object_id),
    )
    return message, staff_users()
