"""Export buttons on the list pages and the dashboard's Import page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clients.models import Client
from shoots.models import Shoot

pytestmark = pytest.mark.django_db

PAGES = {
    "/clients/": "clients",
    "/team/": "team-members",
    "/shoots/": "shoots",
    "/deliverables/": "deliverables",
    "/tasks/": "tasks",
    "/submissions/": "form-submissions",
    "/requests/": "portal-requests",
}


@pytest.mark.parametrize(("page", "collection"), PAGES.items())
def test_every_list_page_exports_with_its_filters(client, admin_user, page, collection):
    client.force_login(admin_user)
    html = client.get(page, {"search": "acme", "page": "1"}).content.decode()
    for fmt in ("csv", "xlsx", "json"):
        assert f'href="/api/{collection}/export?format={fmt}&amp;search=acme"' in html
    assert ("/batch/" in html) == (collection != "portal-requests")


def test_team_sees_import_only_where_it_may(client, team_user):
    client.force_login(team_user)
    assert "/batch/shoots/import/" in client.get("/shoots/").content.decode()
    assert "/batch/clients/import/" not in client.get("/clients/").content.decode()
    assert client.get("/batch/clients/import/").status_code == 404
    assert client.get("/batch/shoots/import/").status_code == 200


def test_client_users_find_no_import_page(client, client_a_user):
    client.force_login(client_a_user)
    assert client.get("/batch/shoots/import/").status_code == 404


def _upload(text: str, name: str = "c.csv"):
    return SimpleUploadedFile(name, text.encode())


def test_check_shows_every_error_and_writes_nothing(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/batch/clients/import/",
        {"file": _upload("name,client_portal_subdomain,status\nA,a,Nope\n,b,Active\n")},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("<tr><td>") == 2
    assert "Confirm import" not in html
    assert not Client.objects.exists()


def test_check_then_confirm_imports_the_checked_file(client, admin_user, client_a):
    client.force_login(admin_user)
    content = "client_id;shoot_start;duration\nacme;2030-01-10T10:00:00Z;02:00:00\n"
    response = client.post("/batch/shoots/import/", {"file": _upload(content)})
    assert response.status_code == 200
    assert "1 to create" in response.content.decode()
    assert not Shoot.objects.exists()
    token = response.context["token"]

    response = client.post("/batch/shoots/import/", {"token": token})
    assert response.status_code == 200
    assert "1 created" in response.content.decode()
    assert Shoot.objects.get().client == client_a
    # the token is spent: confirming again imports nothing more
    assert client.post("/batch/shoots/import/", {"token": token}).status_code == 400
    assert Shoot.objects.count() == 1
