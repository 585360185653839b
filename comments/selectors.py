"""Reads of comments, scoped to the user (a client user: its own client's client-visible ones)."""

from __future__ import annotations

from django.db.models import Model, QuerySet
from django.http import Http404

from localbzz.accounts.permissions import Action

from .models import Comment
from .owners import OwnerKind, kind_of


def comment_list(*, user, action: str = Action.VIEW) -> QuerySet[Comment]:
    """The comments ``user`` may see, with their authors and mentioned people."""
    return (
        Comment.objects.visible_to(user, action)
        .select_related("author")
        .prefetch_related("mentions")
    )


def comment_owner_get(*, user, kind: OwnerKind, pk) -> Model:
    """The deliverable, shoot or request ``user`` may see, else 404."""
    owner = kind.model.objects.visible_to(user, Action.VIEW).filter(pk=pk).first()
    if owner is None:
        raise Http404(f"No such {kind.model._meta.verbose_name}.")
    return owner


def owner_comments(*, user, owner: Model) -> QuerySet[Comment]:
    """The thread under an owner the caller already may see, oldest first, as ``user`` may
    read it (a client user: only the client-visible comments)."""
    return comment_list(user=user).filter(**{kind_of(owner).field: owner}).order_by("created_at")
