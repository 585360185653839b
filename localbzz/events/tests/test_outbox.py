import pytest
from django.db import transaction

from clients.models import ClientStatus
from clients.services import client_set_status
from clients.tests.factories import make_client
from localbzz.events.models import Event


@pytest.mark.django_db
def test_status_change_writes_event_with_api_representation(admin_user):
    client = make_client(status=ClientStatus.PITCHING)
    client_set_status(client=client, status=ClientStatus.ACTIVE, actor=admin_user)
    event = Event.objects.get(type="client.status_changed")
    assert event.data["object"]["status"] == "Active"
    assert event.data["changes"]["status"] == {"from": "Pitching", "to": "Active"}
    assert event.envelope()["actor"]["email"] == admin_user.email


@pytest.mark.django_db(transaction=True)
def test_rolled_back_change_emits_nothing(admin_user):
    client = make_client(status=ClientStatus.PITCHING)
    with pytest.raises(RuntimeError), transaction.atomic():
        client_set_status(client=client, status=ClientStatus.ACTIVE, actor=admin_user)
        raise RuntimeError("boom")
    assert not Event.objects.filter(type="client.status_changed").exists()
    client.refresh_from_db()
    assert client.status == ClientStatus.PITCHING
