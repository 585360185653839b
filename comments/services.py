"""Writes of comments: one service, which finds the @mentions and emits ``comment.created``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from localbzz.accounts.permissions import Action, allows, role_of
from localbzz.events.services import emit
from localbzz.services import validate_and_save

from .mentions import mentioned_users
from .models import Comment, Visibility
from .owners import kind_of


@transaction.atomic
def comment_create(*, actor, owner: Model, body: str, visibility: str | None = None) -> Comment:
    """Adds a comment to a deliverable, shoot or portal request ``actor`` may see.

    A client user writes client-visible comments only; staff choose, team-only by default
    (a slip then stays inside the agency rather than reaching the client).
    """
    client_user = role_of(actor) == "client"
    if visibility in (None, ""):
        visibility = Visibility.CLIENT if client_user else Visibility.TEAM
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": f"'{visibility}' is not client or team."})
    if client_user and visibility != Visibility.CLIENT:
        raise ValidationError({"visibility": "A client writes client-visible comments only."})
    if not allows(actor, Action.VIEW, owner):
        raise ValidationError("You may not comment here.")
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write a comment."})
    kind = kind_of(owner)
    comment = Comment(
        **{kind.field: owner},
        client_id=owner.client_id,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        body=body,
        visibility=visibility,
    )
    validate_and_save(comment)
    mentioned = mentioned_users(
        body, client_id=owner.client_id, client_visible=visibility == Visibility.CLIENT
    )
    if mentioned:
        comment.mentions.set(mentioned)
    emit("comment.created", comment, actor=actor)
    return comment
