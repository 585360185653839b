"""Calendar feeds in the event stream: audit-only types (never sent to webhooks), and the
representation (never the token or its hash)."""

from localbzz.events.representation import register_entity
from localbzz.events.types import register_event_types

register_event_types(
    "calendar_feed.created",
    "calendar_feed.rotated",
    "calendar_feed.revoked",
    subscribable=False,
)
register_entity(
    "calendars.calendarfeed",
    serializer="calendars.api.serializers.CalendarFeedSerializer",
    # a person's own feed is nobody else's business: no client's users see its events
    client_id=lambda feed: None,
)
