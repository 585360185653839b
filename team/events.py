"""The team app in the event stream: its types and its API representation."""

from localbzz.events.representation import register_entity
from localbzz.events.types import register_event_types

register_event_types("team_member.created", "team_member.updated", "team_member.deleted")
register_entity(
    "team.teammember", serializer="team.api.serializers.TeamMemberSerializer", url="team:detail"
)
