"""Portal pages: branding, staff sign-in on a subdomain, API on a subdomain, preferences slot."""

import copy

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework_simplejwt.tokens import RefreshToken

from portal.tests.factories import make_portal_request
from shoots.models import ShootAssignment
from shoots.tests.factories import make_shoot
from team.tests.factories import make_team_member

GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
    b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def test_portal_shows_client_logo_when_uploaded(acme, client_a):
    client_a.logo = SimpleUploadedFile("acme.gif", GIF, content_type="image/gif")
    client_a.save()
    page = acme.get("/")
    assert f'src="{client_a.logo.url}"'.encode() in page.content


def test_home_lists_next_shoot_with_crew_names_only(acme, client_a):
    member = make_team_member(name="Maya Lens", email="maya-private@localbzz.test")
    shoot = make_shoot(client_a, title="Brunch shoot", location="Main St 1")
    ShootAssignment.objects.create(shoot=shoot, team_member=member)
    page = acme.get("/")
    assert b"Brunch shoot" in page.content
    assert b"Maya Lens" in page.content
    assert b"Main St 1" in page.content
    assert b"maya-private@localbzz.test" not in page.content


def test_staff_may_sign_in_on_a_subdomain_to_view_as_client(client, team_user, client_a, password):
    response = client.post(
        "/sign-in/", {"username": team_user.email, "password": password}, HTTP_HOST="acme.localhost"
    )
    assert response.status_code == 302
    page = client.get("/", HTTP_HOST="acme.localhost")
    assert page.status_code == 200
    assert b"read only" in page.content


def test_sign_in_redirect_keeps_the_full_path(client, client_a):
    response = client.get("/deliverables/?type=Reel&status=Delivered", HTTP_HOST="acme.localhost")
    assert (
        response["Location"] == "/sign-in/?next=/deliverables/%3Ftype%3DReel%26status%3DDelivered"
    )


def test_api_answers_on_portal_subdomain(client, client_a, client_a_user):
    make_portal_request(client_a, content="Via the API on the subdomain")
    token = str(RefreshToken.for_user(client_a_user).access_token)
    response = client.get(
        "/api/client-portal/acme/requests",
        HTTP_HOST="acme.localhost",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200
    assert b"Via the API on the subdomain" in response.content


def test_account_includes_notification_preferences_when_events_app_provides_them(
    acme, settings, tmp_path
):
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "_notification_preferences.html").write_text("PREFS-SLOT-HERE")
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
    page = acme.get("/account/")
    assert page.status_code == 200
    assert b"PREFS-SLOT-HERE" in page.content
