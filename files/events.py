"""The files app in the event stream: ``attachment.created`` / ``attachment.deleted``."""

from localbzz.events.representation import register_entity
from localbzz.events.types import register_event_types

from .owners import BY_FIELD

ATTACHMENT_TYPES = ("attachment.created", "attachment.deleted")
register_event_types(*ATTACHMENT_TYPES, client_visible=ATTACHMENT_TYPES)


def attachment_client_id(attachment):
    """The client whose portal may hear of it: a deliverable's or a request's files and its
    logo only."""
    kind = BY_FIELD[attachment.owner_field]
    if not kind.client_visible:
        return None
    return attachment.client_id or attachment.owner.client_id  # a logo: its own client


register_entity(
    "files.attachment",
    serializer="files.api.serializers.AttachmentSerializer",
    client_id=attachment_client_id,
)
