"""The accounts app in the event stream: the user types (audit only) and their representation.

Users are the agency's own business: the types are not offered to webhook endpoints, no
client sees them, and events carry ``services.user_representation`` (no password, no hash).
"""

from localbzz.events.representation import register_entity
from localbzz.events.types import register_event_types

register_event_types("user.created", "user.updated", "user.deleted", subscribable=False)
register_entity(
    "accounts.user",
    serializer="localbzz.accounts.api.serializers.UserSerializer",
    client_id=lambda user: None,  # agency-internal, whichever client a client user is of
)
register_event_types("api_key.created", "api_key.revoked", subscribable=False)
