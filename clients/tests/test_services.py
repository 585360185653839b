"""Client services emit their events after commit."""

import pytest

from clients.models import ClientStatus
from clients.services import client_create, client_set_status, client_update
from clients.tests.factories import make_client
from localbzz.events.models import Event


@pytest.mark.django_db
def test_client_create_emits_created_on_commit(admin_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        client = client_create(actor=admin_user, name="Acme", client_portal_subdomain="acme")
    assert len(callbacks) == 1
    event = Event.objects.get()
    assert (event.type, event.object_id, event.actor_id) == (
        "client.created",
        str(client.pk),
        admin_user.pk,
    )


@pytest.mark.django_db
def test_status_change_emits_status_changed_and_updated(admin_user):
    client = make_client(status=ClientStatus.PITCHING)
    client_set_status(client=client, status=ClientStatus.ACTIVE, actor=admin_user)
    types = sorted(Event.objects.values_list("type", flat=True))
    assert types == ["client.status_changed", "client.updated"]


@pytest.mark.django_db
def test_update_without_changes_emits_nothing(admin_user):
    client = make_client(name="Same")
    client_update(client=client, actor=admin_user, name="Same")
    assert not Event.objects.exists()


def test_client_user_never_sees_the_agencys_internal_notes(client_a_user, admin_user):
    from rest_framework.test import APIClient

    client = client_a_user.client
    client.notes = "Pays late; push for a quarterly plan."
    client.save()
    api = APIClient()
    api.force_authenticate(client_a_user)
    own = api.get(f"/api/clients/{client.pk}").json()
    assert own["name"] == client.name
    assert "notes" not in own
    api.force_authenticate(admin_user)
    assert api.get(f"/api/clients/{client.pk}").json()["notes"] == client.notes
