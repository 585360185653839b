"""Reads of clients, scoped to the user (shared by pages, API and portal)."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.http import Http404

from localbzz.accounts.permissions import Action

from .models import Client

#: the id of the client's logo (the files app's ``logo_attachment`` one-to-one), or None: the
#: API's ``logo_url`` and the portal's header read it without a query per client
LOGO = {"logo_attachment_pk": F("logo_attachment__pk")}


def client_list(*, user, action: str = Action.VIEW) -> QuerySet[Client]:
    """The clients ``user`` may act on, with ``logo_attachment_pk``."""
    return Client.objects.visible_to(user, action).annotate(**LOGO)


def client_get(*, user, pk, action: str = Action.VIEW) -> Client:
    """One client ``user`` may see, else 404."""
    client = client_list(user=user, action=action).filter(pk=pk).first()
    if client is None:
        raise Http404("No such client.")
    return client


def client_by_subdomain(*, user, subdomain: str) -> Client:
    """The client whose portal lives at ``subdomain``, if ``user`` may see it, else 404.

    An Inactive client has no portal: its subdomain is a 404 here as on the portal's pages.
    """
    found = client_list(user=user).with_portal()
    client = found.filter(client_portal_subdomain=subdomain.lower()).first()
    if client is None:
        raise Http404("No such client portal.")
    return client


def portal_client(subdomain: str) -> Client | None:
    """The client whose portal lives at ``subdomain`` (None when none has, or it is Inactive).

    Who may look at it is the portal's own question (its client's users, staff).
    """
    found = Client.objects.with_portal().annotate(**LOGO)
    return found.filter(client_portal_subdomain=subdomain.lower()).first()


def client_options(user):
    """``(id, name)`` of the clients ``user`` sees, for a filter's select."""
    return client_list(user=user).order_by("name").values_list("pk", "name")
