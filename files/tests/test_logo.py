"""A client's logo: one image attachment, uploaded / replaced / removed on the client's page and
through ``/api/clients/:id/logo``, in the client's representation (``logo_url``) and on its
portal's header."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clients.models import Client
from clients.tests.factories import make_client
from files.models import Attachment
from files.storage import storage
from files.tests.factories import PDF, gif_bytes, make_attachment, png_bytes, stored_keys, upload
from localbzz.events.models import Event
from localbzz.testing import api_client

pytestmark = pytest.mark.django_db
HTML_AS_PNG = b"<!doctype html><html><script>alert(1)</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _logo_url(client) -> str:
    return reverse("api:client-logo", kwargs={"pk": client.pk})


def _post(api, client, name="logo.png", data=None):
    data = png_bytes() if data is None else data
    return api.post(_logo_url(client), {"file": upload(name, data)}, format="multipart")


def test_team_uploads_a_logo_and_the_client_representation_links_it(team_user, client_a):
    api = api_client(team_user)
    assert api.get(reverse("api:client-detail", args=[client_a.pk])).json()["logo_url"] is None
    response = _post(api, client_a)
    assert response.status_code == 201, response.content
    logo = Attachment.objects.get(client=client_a)
    assert response.json()["id"] == str(logo.pk)
    assert response.json()["owner_type"] == "client"
    body = api.get(reverse("api:client-detail", args=[client_a.pk])).json()
    assert body["logo_url"] == f"http://testserver{_logo_url(client_a)}"
    image = api.get(_logo_url(client_a))
    assert image.status_code == 200
    assert b"".join(image.streaming_content) == png_bytes()
    assert image["Content-Type"] == "image/png"
    assert image["Content-Disposition"].startswith("inline;")
    assert image["X-Content-Type-Options"] == "nosniff"
    assert Event.objects.get(type="attachment.created").client_id == client_a.pk


def test_a_new_logo_replaces_the_earlier_one_and_its_bytes(
    team_user, client_a, django_capture_on_commit_callbacks
):
    api = api_client(team_user)
    first = Attachment.objects.get(pk=_post(api, client_a).json()["id"])
    with django_capture_on_commit_callbacks(execute=True):
        second = _post(api, client_a, name="new.gif", data=gif_bytes())
    assert second.status_code == 201
    assert list(Attachment.objects.values_list("pk", flat=True)) == [
        Attachment.objects.get(client=client_a).pk
    ]
    assert Attachment.objects.get().name == "new.gif"
    assert not storage().exists(first.key)
    assert Event.objects.filter(type="attachment.deleted", object_id=str(first.pk)).exists()
    assert b"".join(api.get(_logo_url(client_a)).streaming_content) == gif_bytes()


@pytest.mark.parametrize(
    ("name", "data", "status"),
    [
        ("brief.pdf", PDF, 415),  # an accepted attachment, but no image
        ("logo.png", HTML_AS_PNG, 415),
        ("logo.svg", SVG, 415),
        ("logo.png", b"", 400),
        ("logo.png", PDF, 415),
    ],
)
def test_a_logo_must_be_an_image_and_nothing_is_stored_otherwise(
    team_user, client_a, name, data, status
):
    before = stored_keys()
    response = _post(api_client(team_user), client_a, name=name, data=data)
    assert response.status_code == status, response.content
    assert "error" in response.json()
    assert not Attachment.objects.exists()
    assert stored_keys() == before


def test_a_refused_logo_keeps_the_earlier_one(team_user, client_a):
    api = api_client(team_user)
    _post(api, client_a)
    assert _post(api, client_a, name="x.pdf", data=PDF).status_code == 415
    assert Attachment.objects.get(client=client_a).name == "logo.png"


def test_who_may_see_and_change_a_logo(client_a, client_b, client_a_user, client_b_user):
    logo = make_attachment(client_a, name="logo.png", data=png_bytes())
    own, other = api_client(client_a_user), api_client(client_b_user)
    assert own.get(_logo_url(client_a)).status_code == 200
    assert own.get(reverse("api:attachment-download", args=[logo.pk])).status_code == 200
    assert other.get(_logo_url(client_a)).status_code == 404
    assert other.get(reverse("api:attachment-detail", args=[logo.pk])).status_code == 404
    assert _post(own, client_a).status_code == 403
    assert own.delete(_logo_url(client_a)).status_code == 403
    assert other.delete(_logo_url(client_a)).status_code == 404
    assert api_client().get(_logo_url(client_a)).status_code == 401
    assert Attachment.objects.get() == logo


def test_team_removes_the_logo(team_user, client_a, django_capture_on_commit_callbacks):
    logo = make_attachment(client_a, name="logo.png", data=png_bytes())
    api = api_client(team_user)
    with django_capture_on_commit_callbacks(execute=True):
        assert api.delete(_logo_url(client_a)).status_code == 204
    assert not storage().exists(logo.key)
    assert api.get(_logo_url(client_a)).status_code == 404
    assert api.delete(_logo_url(client_a)).status_code == 404
    assert api.get(reverse("api:client-detail", args=[client_a.pk])).json()["logo_url"] is None


def test_client_list_reads_logos_without_a_query_per_client(
    admin_user, client_a, django_assert_num_queries
):
    api = api_client(admin_user)
    make_attachment(client_a, name="logo.png", data=png_bytes())
    with django_assert_num_queries(1) as first:
        rows = api.get("/api/clients").json()["results"]
    assert [r["logo_url"] is not None for r in rows] == [True]
    for n in range(3):
        make_attachment(make_client(name=f"Other {n}"), name="logo.png", data=png_bytes())
    with django_assert_num_queries(len(first.captured_queries)):
        rows = api.get("/api/clients").json()["results"]
    assert sum(r["logo_url"] is not None for r in rows) == 4


def test_deleting_the_client_deletes_its_logo_bytes(client_a, django_capture_on_commit_callbacks):
    key = make_attachment(client_a, name="logo.png", data=png_bytes()).key
    with django_capture_on_commit_callbacks(execute=True):
        Client.objects.filter(pk=client_a.pk).delete()
    assert not storage().exists(key)


# --- the client's dashboard page ------------------------------------------------------------
@pytest.fixture
def staff(client, team_user):
    client.force_login(team_user)
    return client


def test_client_page_uploads_replaces_and_removes_the_logo(
    staff, client_a, django_capture_on_commit_callbacks
):
    page_url = reverse("clients:detail", args=[client_a.pk])
    assert "data-no-logo" in staff.get(page_url).content.decode()
    upload_url = reverse("files:client-logo", args=[client_a.pk])
    response = staff.post(upload_url, {"file": upload("logo.png", png_bytes())}, follow=True)
    html = response.content.decode()
    assert "logo is saved" in html
    assert f'src="{_logo_url(client_a)}"' in html
    assert "Replace logo" in html
    first = Attachment.objects.get(client=client_a)
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(upload_url, {"file": upload("new.gif", gif_bytes())})
    assert Attachment.objects.get(client=client_a).name == "new.gif"
    assert not storage().exists(first.key)
    response = staff.post(reverse("files:client-logo-remove", args=[client_a.pk]), follow=True)
    assert "logo is removed" in response.content.decode()
    assert not Attachment.objects.filter(client=client_a).exists()


def test_client_page_refuses_a_bad_logo_with_a_message(staff, client_a):
    before = stored_keys()
    response = staff.post(
        reverse("files:client-logo", args=[client_a.pk]),
        {"file": upload("logo.png", HTML_AS_PNG)},
        follow=True,
    )
    assert "The logo was not changed" in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_keys() == before


def test_client_page_logo_form_is_for_those_who_may_change_the_client(client, client_a_user):
    client.force_login(client_a_user)
    response = client.post(
        reverse("files:client-logo", args=[client_a_user.client_id]),
        {"file": upload("logo.png", png_bytes())},
    )
    assert response.status_code == 404
    assert not Attachment.objects.exists()


# --- the portal's header ----------------------------------------------------------------------
def test_portal_header_shows_the_logo_to_the_clients_users(client, client_a, client_a_user):
    client.force_login(client_a_user)
    home = f"/portal/{client_a.client_portal_subdomain}/"
    assert "data-client-logo" not in client.get(home).content.decode()
    make_attachment(client_a, name="logo.png", data=png_bytes())
    html = client.get(home).content.decode()
    assert f'src="{_logo_url(client_a)}"' in html
    assert client.get(_logo_url(client_a)).status_code == 200


def test_the_admin_uploads_no_logo_around_the_checks(client, admin_user, client_a):
    client.force_login(admin_user)
    page = client.get(reverse("admin:clients_client_change", args=[client_a.pk]))
    assert page.status_code == 200
    assert 'type="file"' not in page.content.decode()  # the old image field is read-only
