"""The three kinds of objects that take comments (the API paths and page names of each)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model

from deliverables.models import Deliverable
from portal.models import ClientPortalRequest
from shoots.models import Shoot


@dataclass(frozen=True)
class OwnerKind:
    segment: str  # the API path: /api/<segment>/:id/comments
    basename: str  # the API route name: api:<basename>-comments
    field: str  # the Comment foreign key
    model: type[Model]
    page: str  # the staff page's URL name (takes the pk)


OWNER_KINDS = (
    OwnerKind("deliverables", "deliverable", "deliverable", Deliverable, "deliverables:edit"),
    OwnerKind("shoots", "shoot", "shoot", Shoot, "shoots:detail"),
    OwnerKind(
        "portal-requests",
        "portal-request",
        "portal_request",
        ClientPortalRequest,
        "requests:detail",
    ),
)
BY_FIELD = {kind.field: kind for kind in OWNER_KINDS}


def kind_of(owner: Model) -> OwnerKind:
    for kind in OWNER_KINDS:
        if isinstance(owner, kind.model):
            return kind
    raise TypeError(f"{type(owner).__name__} takes no comments.")
