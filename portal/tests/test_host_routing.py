"""Host routing: <subdomain>.<PORTAL_BASE_DOMAIN> and /portal/<subdomain>/ serve the portal."""

import pytest

from clients.models import ClientStatus
from portal.middleware import portal_subdomain_for_host


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("acme.localhost", "acme"),
        ("ACME.LocalHost", "acme"),
        ("acme.localhost:8000", "acme"),
        ("acme.localhost.", "acme"),
        ("localhost", None),
        ("localhost:8000", None),
        ("www.localhost", None),
        ("admin.localhost:8000", None),
        ("api.localhost", None),
        ("a.b.localhost", None),
        ("acme.example.com", None),
        ("127.0.0.1:8000", None),
        ("[::1]:8000", None),
    ],
)
def test_portal_subdomain_is_read_from_host(host, expected):
    assert portal_subdomain_for_host(host) == expected


def test_known_subdomain_serves_portal_sign_in_to_anonymous(client, client_a):
    response = client.get("/", HTTP_HOST="acme.localhost")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/"
    page = client.get("/sign-in/", HTTP_HOST="acme.localhost")
    assert page.status_code == 200
    assert b"Sign in to Acme Bakery" in page.content


def test_upper_case_host_with_port_serves_the_same_portal(client, client_a):
    page = client.get("/sign-in/", HTTP_HOST="ACME.LOCALHOST:8000")
    assert page.status_code == 200
    assert b"Acme Bakery" in page.content


def test_known_subdomain_home_for_its_user(client, client_a_user):
    client.force_login(client_a_user)
    page = client.get("/", HTTP_HOST="acme.localhost:8000")
    assert page.status_code == 200
    assert b"Acme Bakery" in page.content
    assert b"Waiting for your review" in page.content


def test_unknown_subdomain_shows_friendly_404(client, client_a):
    page = client.get("/", HTTP_HOST="nobody.localhost")
    assert page.status_code == 404
    assert b"couldn\xe2\x80\x99t find this portal" in page.content
    assert b"Acme" not in page.content


def test_inactive_client_subdomain_shows_friendly_404(client, client_a, client_a_user):
    client_a.status = ClientStatus.INACTIVE
    client_a.save()
    client.force_login(client_a_user)
    for path in ("/", "/sign-in/", "/deliverables/"):
        page = client.get(path, HTTP_HOST="acme.localhost")
        assert page.status_code == 404
        assert b"Acme" not in page.content


def test_reserved_subdomain_is_the_main_site_not_a_portal(client, client_a):
    response = client.get("/sign-in/", HTTP_HOST="www.localhost")
    # The main site has no /sign-in/ page: the portal urlconf was not used.
    assert response.status_code == 404
    assert b"Sign in to" not in response.content


def test_path_form_serves_the_same_pages(client, client_a, client_a_user):
    response = client.get("/portal/acme/")
    assert response.status_code == 302
    assert response["Location"] == "/portal/acme/sign-in/?next=/portal/acme/"
    client.force_login(client_a_user)
    page = client.get("/portal/ACME/")
    assert page.status_code == 200
    assert b"Acme Bakery" in page.content
    assert b'href="/portal/acme/deliverables/"' in page.content


def test_path_form_unknown_subdomain_is_friendly_404(client, db):
    page = client.get("/portal/nobody/")
    assert page.status_code == 404
    assert b"couldn\xe2\x80\x99t find this portal" in page.content


def test_portal_links_on_subdomain_are_root_relative(client, client_a_user):
    client.force_login(client_a_user)
    page = client.get("/", HTTP_HOST="acme.localhost")
    assert b'href="/deliverables/"' in page.content
    assert b"/portal/acme/" not in page.content


def test_api_is_served_on_portal_subdomain(client, client_a):
    # /api/ stays the API on a subdomain (not a portal page).
    response = client.get("/api/definitely-missing", HTTP_HOST="acme.localhost")
    assert b"Sign in to" not in response.content
    assert response.status_code in (401, 404)
