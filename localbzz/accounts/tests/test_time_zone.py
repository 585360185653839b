"""Time zones: the agency's (TIME_ZONE) by default, a user's own when set, on every page."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from localbzz.accounts.models import User
from localbzz.accounts.timezones import validate_time_zone

pytestmark = pytest.mark.django_db


def _shoot_at(client_a, hour_utc: int):
    from shoots.tests.factories import make_shoot

    start = (timezone.now() + timedelta(days=2)).replace(
        hour=hour_utc, minute=0, second=0, microsecond=0
    )
    return make_shoot(client_a, shoot_start=start)


def test_pages_show_times_in_the_users_own_zone(client, team_user, client_a, settings):
    settings.TIME_ZONE = "UTC"
    shoot = _shoot_at(client_a, 9)
    client.force_login(team_user)
    assert "09:00" in client.get(f"/shoots/{shoot.pk}/").content.decode()
    User.objects.filter(pk=team_user.pk).update(time_zone="Asia/Tokyo")  # UTC+9, no DST
    page = client.get(f"/shoots/{shoot.pk}/").content.decode()
    assert "18:00" in page


def test_the_agency_zone_applies_without_a_users_own(client, team_user, client_a, settings):
    settings.TIME_ZONE = "Asia/Kolkata"  # UTC+5:30
    shoot = _shoot_at(client_a, 9)
    client.force_login(team_user)
    assert "14:30" in client.get(f"/shoots/{shoot.pk}/").content.decode()


def test_preferences_page_saves_a_zone_and_refuses_an_unknown_one(client, team_user):
    client.force_login(team_user)
    page = client.get("/accounts/preferences/").content.decode()
    assert "The agency&#x27;s: " in page or "The agency's: " in page
    response = client.post("/accounts/preferences/", {"time_zone": "Europe/Paris"})
    assert response.status_code == 302
    team_user.refresh_from_db()
    assert team_user.time_zone == "Europe/Paris"
    assert (
        "data-current-zone>Europe/Paris<" in client.get("/accounts/preferences/").content.decode()
    )
    response = client.post("/accounts/preferences/", {"time_zone": "Mars/Olympus"})
    assert response.status_code == 200
    team_user.refresh_from_db()
    assert team_user.time_zone == "Europe/Paris"


def test_preferences_are_for_staff(client, client_a_user):
    client.force_login(client_a_user)
    assert client.get("/accounts/preferences/").status_code == 404


def test_model_refuses_unknown_zones():
    validate_time_zone("")
    validate_time_zone("America/New_York")
    with pytest.raises(ValidationError):
        validate_time_zone("Nowhere/Special")


def test_api_shows_and_sets_a_users_zone(admin_user, team_user):
    from localbzz.testing import api_client

    api = api_client(admin_user)
    url = f"/api/users/{team_user.pk}"
    assert api.patch(url, {"time_zone": "Europe/Lisbon"}, format="json").status_code == 200
    assert api.patch(url, {"time_zone": "Atlantis/Deep"}, format="json").status_code == 400
    me = api_client(User.objects.get(pk=team_user.pk)).get("/api/auth/me").json()
    assert me["time_zone"] == "Europe/Lisbon"


def test_a_shoots_name_gives_its_time_in_the_active_zone(client_a):
    import zoneinfo

    shoot = _shoot_at(client_a, 9)
    assert str(shoot).endswith("09:00")  # the agency's zone in tests: UTC
    with timezone.override(zoneinfo.ZoneInfo("Asia/Tokyo")):
        assert str(shoot).endswith("18:00")
