"""Client admin: status actions and saves go through the client services."""

import pytest
from django.urls import reverse

from clients.models import Client, ClientStatus
from clients.tests.factories import make_client
from localbzz.events.models import Event


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.django_db
def test_admin_action_changes_client_status_and_emits(admin_client):
    c = make_client(status=ClientStatus.PITCHING)
    admin_client.post(
        reverse("admin:clients_client_changelist"),
        {"action": "set_status_active", "_selected_action": [str(c.pk)]},
        follow=True,
    )
    c.refresh_from_db()
    assert c.status == ClientStatus.ACTIVE
    event = Event.objects.get(type="client.status_changed")
    assert event.data["changes"]["status"] == {"from": "Pitching", "to": "Active"}


@pytest.mark.django_db
def test_admin_add_client_normalises_subdomain_and_emits_created(admin_client):
    response = admin_client.post(
        reverse("admin:clients_client_add"),
        {
            "name": "Harbor Street Barbers",
            "status": "Active",
            "client_portal_subdomain": "Harbor-Barbers",
            "shoot_frequency": "Monthly",
            "default_reels": "2",
            "default_photos": "4",
            "default_carousels": "1",
            "services": "[]",
            "platforms": '["Instagram"]',
            "preferred_contact_method": "Email",
            "shoots-TOTAL_FORMS": "0",
            "shoots-INITIAL_FORMS": "0",
            "deliverables-TOTAL_FORMS": "0",
            "deliverables-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content[:3000]
    c = Client.objects.get(name="Harbor Street Barbers")
    assert c.client_portal_subdomain == "harbor-barbers"
    assert Event.objects.filter(type="client.created", object_id=str(c.pk)).count() == 1


@pytest.mark.django_db
def test_admin_add_client_refuses_reserved_subdomain(admin_client):
    response = admin_client.post(
        reverse("admin:clients_client_add"),
        {
            "name": "Sneaky",
            "status": "Active",
            "client_portal_subdomain": "admin",
            "shoot_frequency": "Monthly",
            "default_reels": "0",
            "default_photos": "0",
            "default_carousels": "0",
            "services": "[]",
            "platforms": "[]",
            "preferred_contact_method": "Email",
            "shoots-TOTAL_FORMS": "0",
            "shoots-INITIAL_FORMS": "0",
            "deliverables-TOTAL_FORMS": "0",
            "deliverables-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert b"reserved" in response.content
    assert not Client.objects.filter(name="Sneaky").exists()
