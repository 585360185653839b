"""The clients app in the event stream: its types and its API representation."""

from localbzz.events.representation import register_entity
from localbzz.events.types import register_event_types

# Not client-visible: a client event carries the staff representation (internal notes).
register_event_types("client.created", "client.updated", "client.status_changed", "client.deleted")
register_entity(
    "clients.client",
    serializer="clients.api.serializers.ClientSerializer",
    client_id=lambda client: client.pk,
    url="clients:detail",
)
