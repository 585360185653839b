"""Dashboard pages of clients: list filters, the one-screen page, edit, admin-only actions."""

import pytest
from django.utils import timezone

from clients.models import Client
from clients.tests.factories import make_client
from dashboard.tests.factories import make_dashboard_world
from deliverables.tests.factories import make_deliverable
from localbzz.testing import query_count
from portal.tests.factories import make_portal_request
from shoots.tests.factories import make_shoot
from tasks.tests.factories import make_task


@pytest.fixture
def team(client, team_user):
    client.force_login(team_user)
    return client


def test_list_filters_by_status_frequency_and_search(team, db):
    make_client(name="Active Monthly", status="Active", shoot_frequency="Monthly")
    make_client(name="Pitch Quarterly", status="Pitching", shoot_frequency="Quarterly")
    html = team.get("/clients/?status=Pitching").content.decode()
    assert "Pitch Quarterly" in html
    assert "Active Monthly" not in html
    html = team.get("/clients/?shoot_frequency=Monthly").content.decode()
    assert "Active Monthly" in html
    assert "Pitch Quarterly" not in html
    html = team.get("/clients/?search=pitch").content.decode()
    assert "Pitch Quarterly" in html
    assert "Active Monthly" not in html


def test_client_page_shows_everything_about_the_client(team, client_a, settings):
    settings.PORTAL_BASE_DOMAIN = "localhost"
    make_shoot(
        client_a, title="Next shoot", shoot_start=timezone.now() + timezone.timedelta(days=2)
    )
    make_shoot(client_a, title="Old shoot", shoot_start=timezone.now() - timezone.timedelta(days=9))
    today = timezone.localdate()
    make_deliverable(client_a, deliverable_type="Reel", status="Needs Review", due_date=today)
    make_deliverable(client_a, deliverable_type="Photo", status="To Do", due_date=today)
    make_task(client=client_a, name="Open task here")
    make_portal_request(client_a, content="Please film the new oven")
    html = team.get(f"/clients/{client_a.pk}/").content.decode()
    assert "http://acme.localhost/" in html
    assert "Open task here" in html
    assert "Please film the new oven" in html
    assert "Reels: 1 of 4 planned, 3 to go" in html
    assert "Photos: 1 of 10 planned, 9 to go" in html
    assert "Carousels: 0 of 2 planned, 2 to go" in html


def test_team_member_edits_a_client_and_a_clash_lands_on_the_field(team, client_a, client_b):
    data = {
        "name": "Acme Bakery & Cafe",
        "status": "Active",
        "preferred_contact_method": "Email",
        "client_portal_subdomain": "bravo",
        "shoot_frequency": "Monthly",
        "default_reels": "4",
        "default_photos": "10",
        "default_carousels": "2",
        "services": "Reels, Photos",
    }
    response = team.post(f"/clients/{client_a.pk}/edit/", data)
    assert response.status_code == 200
    assert b"field-error" in response.content
    assert "Acme Bakery &amp; Cafe" in response.content.decode()
    client_a.refresh_from_db()
    assert client_a.name == "Acme Bakery"
    data["client_portal_subdomain"] = "acme"
    assert team.post(f"/clients/{client_a.pk}/edit/", data).status_code == 302
    client_a.refresh_from_db()
    assert client_a.name == "Acme Bakery & Cafe"
    assert client_a.services == ["Reels", "Photos"]


def test_team_member_does_not_see_or_reach_admin_only_client_actions(team, client_a):
    html = team.get(f"/clients/{client_a.pk}/").content.decode()
    assert f"/clients/{client_a.pk}/delete/" not in html
    assert "/clients/new/" not in team.get("/clients/").content.decode()
    assert team.get("/clients/new/").status_code == 404
    assert team.post(f"/clients/{client_a.pk}/delete/").status_code == 404
    assert Client.objects.filter(pk=client_a.pk).exists()


def test_admin_creates_and_deletes_a_client(client, admin_user, db):
    client.force_login(admin_user)
    data = {
        "name": "Zed Cafe",
        "status": "Pitching",
        "preferred_contact_method": "Email",
        "client_portal_subdomain": "zed",
        "shoot_frequency": "Monthly",
        "default_reels": "1",
        "default_photos": "1",
        "default_carousels": "1",
    }
    response = client.post("/clients/new/", data)
    assert response.status_code == 302
    zed = Client.objects.get(name="Zed Cafe")
    assert b"cannot be undone" in client.get(f"/clients/{zed.pk}/delete/").content
    client.post(f"/clients/{zed.pk}/delete/")
    assert not Client.objects.filter(pk=zed.pk).exists()


@pytest.mark.parametrize("url", ["/clients/", "/clients/?search=a&status=Active", "detail"])
def test_query_count_does_not_grow_with_rows(
    team, client_a, team_user, url, django_assert_num_queries
):
    if url == "detail":
        url = f"/clients/{client_a.pk}/"
    make_dashboard_world(client_a, team_user.team_member, n=2)
    few = query_count(team, url)
    make_dashboard_world(client_a, team_user.team_member, n=30)
    for _ in range(30):
        make_client()
    with django_assert_num_queries(few):
        team.get(url)
    assert few <= 16


def test_client_page_offers_the_portal_invite_form_when_the_portal_provides_it(team, client_a):
    from django.urls import reverse

    html = team.get(f"/clients/{client_a.pk}/").content.decode()
    assert f'action="{reverse("clients:invite", args=[client_a.pk])}"' in html
    assert 'name="email"' in html
