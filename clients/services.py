"""Writes to clients. Every change the outside world cares about emits an event."""

from __future__ import annotations

from django.db import transaction

from localbzz.events.services import emit
from localbzz.services import apply_changes, delete_with_event, emit_update, validate_and_save

from .models import Client


@transaction.atomic
def client_create(*, actor=None, **data) -> Client:
    """Creates a client."""
    client = Client(**data)
    if client.client_portal_subdomain:
        client.client_portal_subdomain = client.client_portal_subdomain.strip().lower()
    validate_and_save(client)
    emit("client.created", client, actor=actor)
    return client


@transaction.atomic
def client_update(*, client: Client, actor=None, **data) -> Client:
    """Updates a client's fields; a status change emits ``client.status_changed`` too."""
    if "client_portal_subdomain" in data and isinstance(data["client_portal_subdomain"], str):
        data["client_portal_subdomain"] = data["client_portal_subdomain"].strip().lower()
    changes = apply_changes(client, data)
    if not changes:
        return client
    validate_and_save(client)
    emit_update("client", client, changes, actor=actor)
    return client


def client_set_status(*, client: Client, status: str, actor=None) -> Client:
    """Moves a client to Active, Inactive or Pitching."""
    return client_update(client=client, actor=actor, status=status)


@transaction.atomic
def client_delete(*, client: Client, actor=None) -> None:
    """Deletes a client and everything that is only its (shoots, deliverables, requests)."""
    delete_with_event(client, "client.deleted", actor=actor)
