"""Reads of attachments, scoped to the user."""

from __future__ import annotations

from django.db.models import Model, QuerySet
from django.http import Http404

from localbzz.accounts.permissions import Action

from .models import Attachment
from .owners import OwnerKind, kind_of


def attachment_list(*, user, action: str = Action.VIEW) -> QuerySet[Attachment]:
    """The attachments whose owner ``user`` may see (or change, for CHANGE/DELETE)."""
    return Attachment.objects.visible_to(user, action)


def owner_get(*, user, kind: OwnerKind, pk) -> Model:
    """The owner object ``user`` may see, else 404."""
    owner = kind.model.objects.visible_to(user, Action.VIEW).filter(pk=pk).first()
    if owner is None:
        raise Http404(f"No such {kind.model._meta.verbose_name}.")
    return owner


def owner_attachments(owner: Model) -> QuerySet[Attachment]:
    """The files of an owner the caller already may see, newest first."""
    return Attachment.objects.filter(**{kind_of(owner).field: owner})


def client_logo(client) -> Attachment | None:
    """The client's logo (an image attachment), if it has one."""
    return Attachment.objects.filter(client=client).first()
