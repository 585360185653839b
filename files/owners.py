"""The kinds of objects that take attachments, and who may do what with their files.

Deliverables, shoots, tasks and portal requests take any number of files (their
``/attachments`` routes); a client takes one, its logo (``/api/clients/:id/logo``).

"Who may" is the owner's own policy (DESIGN.md §3): whoever may see the owner lists and
downloads its files, whoever may change it uploads and deletes; a client user also uploads
to its own portal requests (which it may create but not change).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model, Q

from clients.models import Client
from deliverables.models import Deliverable
from localbzz.accounts.permissions import Action, allows, role_of, scope
from portal.models import ClientPortalRequest
from shoots.models import Shoot
from tasks.models import Task


@dataclass(frozen=True)
class OwnerKind:
    segment: str  # the API path: /api/<segment>/:id/attachments
    basename: str  # the API route name: api:<basename>-attachments
    field: str  # the Attachment foreign key
    model: type[Model]
    #: whose files a client user of the owner's client sees (DESIGN.md §3: deliverables'
    #: and requests', not shoots' or tasks')
    client_visible: bool


OWNER_KINDS = (
    OwnerKind("deliverables", "deliverable", "deliverable", Deliverable, True),
    OwnerKind("shoots", "shoot", "shoot", Shoot, False),
    OwnerKind("tasks", "task", "task", Task, False),
    OwnerKind("portal-requests", "portal-request", "portal_request", ClientPortalRequest, True),
)
#: a client's logo: one image, seen by whoever sees the client (its own users too)
LOGO_KIND = OwnerKind("clients", "client", "client", Client, True)
ALL_KINDS = (*OWNER_KINDS, LOGO_KIND)
BY_FIELD = {kind.field: kind for kind in ALL_KINDS}


def kind_of(owner: Model) -> OwnerKind:
    for kind in ALL_KINDS:
        if isinstance(owner, kind.model):
            return kind
    raise TypeError(f"{type(owner).__name__} takes no attachments.")


def may_view(user, owner: Model) -> bool:
    """May list and download the owner's files."""
    if role_of(user) == "client" and not kind_of(owner).client_visible:
        return False
    return allows(user, Action.VIEW, owner)


def may_upload(user, owner: Model) -> bool:
    """May add files to the owner: change rights, or a client user's own portal request."""
    if role_of(user) == "client":
        return isinstance(owner, ClientPortalRequest) and allows(user, Action.VIEW, owner)
    return allows(user, Action.CHANGE, owner)


def may_delete(user, owner: Model) -> bool:
    """May delete the owner's files: change rights on it (never a client user)."""
    return role_of(user) != "client" and allows(user, Action.CHANGE, owner)


def visible_owners_q(user, action: str = Action.VIEW) -> Q:
    """Attachments whose owner ``user`` may see (VIEW) or change (CHANGE), as one ``Q``."""
    client = role_of(user) == "client"
    q = Q(pk__in=[])
    for kind in ALL_KINDS:
        if client and (action != Action.VIEW or not kind.client_visible):
            continue
        owners = scope(kind.model.objects.all(), user, action)
        if owners.query.is_empty():
            continue
        if not owners.query.where:
            q |= Q(**{f"{kind.field}__isnull": False})
        else:
            q |= Q(**{f"{kind.field}__in": owners.values("pk")})
    return q
