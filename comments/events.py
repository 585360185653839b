"""Comments in the event stream: ``comment.created``, and @mentions notify.

A team-only comment belongs to no client's stream (``client_id`` None): its event never
reaches the client's users, live or through ``/api/events``.
"""

from django.conf import settings
from django.urls import reverse

from localbzz.events.models import NotificationKind
from localbzz.events.notifications import Message, notification_rule
from localbzz.events.representation import register_entity
from localbzz.events.types import register_event_types

from .models import Comment, Visibility
from .owners import BY_FIELD

register_event_types("comment.created", client_visible=("comment.created",))


def _page(comment_id: str) -> str:
    """The staff page of the comment's deliverable, shoot or request ("" once it is gone)."""
    comment = Comment.objects.filter(pk=comment_id).first()
    if comment is None:
        return ""
    kind = BY_FIELD[comment.owner_field]
    url = reverse(kind.page, args=[comment.owner_id], urlconf=settings.ROOT_URLCONF)
    return f"{url}#comments"


register_entity(
    "comments.comment",
    serializer="comments.api.serializers.CommentSerializer",
    client_id=lambda c: c.client_id if c.visibility == Visibility.CLIENT else None,
    url=_page,
)


@notification_rule("comment.created")
def mentioned(event):
    """The people a comment @mentions hear of it (the author is left out by the fan-out)."""
    comment = Comment.objects.filter(pk=event.object_id).select_related("author").first()
    if comment is None:
        return None
    users = list(comment.mentions.filter(is_active=True))
    if not users:
        return None
    author = comment.author.get_full_name() if comment.author else "Someone"
    staff_only = all(u.role != "client" for u in users)
    message = Message(
        NotificationKind.MENTIONED,
        f"{author} mentioned you in a comment"[:200],
        comment.body[:300],
        # staff open the page; a client's user reads it on its portal
        _page(str(comment.pk)) if staff_only else "",
    )
    return message, users
