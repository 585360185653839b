"""The shoots app in the event stream: its types and its API representation."""

from localbzz.events.representation import register_entity
from localbzz.events.types import register_event_types

SHOOT_TYPES = ("shoot.created", "shoot.updated", "shoot.status_changed", "shoot.deleted")
register_event_types(*SHOOT_TYPES, client_visible=SHOOT_TYPES)
register_entity(
    "shoots.shoot", serializer="shoots.api.serializers.ShootSerializer", url="shoots:detail"
)
