"""Crew double-booking: one rule (shoots.services) for the form, the API, calendar and team page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from localbzz.testing import api_client, query_count
from shoots.models import Shoot, ShootStatus
from shoots.services import CrewOverlap, shoot_create, shoot_update
from shoots.tests.factories import make_shoot
from team.tests.factories import make_team_member

pytestmark = pytest.mark.django_db

AT_TEN = (timezone.now() + timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
HOUR = timedelta(hours=1)


@pytest.fixture
def maya(db):
    return make_team_member(name="Maya Lens")


@pytest.fixture
def booked(client_a, maya):
    """Maya on a 10:00-12:00 shoot."""
    return make_shoot(
        client_a, title="Spring menu", shoot_start=AT_TEN, crew=[(maya, "Content Creator")]
    )


def test_service_refuses_a_member_on_two_overlapping_shoots(client_a, maya, booked):
    with pytest.raises(CrewOverlap) as caught:
        shoot_create(client=client_a, shoot_start=AT_TEN + HOUR, crew=[(maya, "Editor")])
    assert "Maya Lens is already on “Spring menu” for Acme Bakery" in caught.value.messages[0]
    assert [row.shoot_id for row in caught.value.conflicts] == [booked.pk]
    assert Shoot.objects.count() == 1  # nothing of the refused shoot stays


def test_allow_overlap_books_anyway(client_a, maya, booked):
    shoot = shoot_create(
        client=client_a, shoot_start=AT_TEN + HOUR, crew=[(maya, "Editor")], allow_overlap=True
    )
    assert shoot.assignments.get().team_member == maya


@pytest.mark.parametrize(
    ("start", "status"),
    [
        (AT_TEN + 2 * HOUR, ShootStatus.SCHEDULED),  # starts when the other ends
        (AT_TEN - 2 * HOUR, ShootStatus.SCHEDULED),  # ends when the other starts
        (AT_TEN, ShootStatus.CANCELLED),  # a cancelled shoot books nobody
    ],
)
def test_touching_or_cancelled_shoots_are_no_overlap(client_a, maya, booked, start, status):
    shoot_create(client=client_a, shoot_start=start, status=status, crew=[(maya, "Editor")])


def test_someone_else_at_the_same_time_is_fine(client_a, booked):
    shoot_create(client=client_a, shoot_start=AT_TEN, crew=[(make_team_member(), "Editor")])


def test_moving_a_shoot_onto_a_booked_slot_is_refused_but_other_edits_pass(client_a, maya, booked):
    later = make_shoot(client_a, shoot_start=AT_TEN + 5 * HOUR, crew=[(maya, "Editor")])
    with pytest.raises(CrewOverlap):
        shoot_update(shoot=later, shoot_start=AT_TEN + HOUR)
    # an already double-booked shoot keeps taking edits that change neither time nor crew
    shoot_update(shoot=booked, allow_overlap=True, shoot_start=AT_TEN + 5 * HOUR)
    shoot_update(shoot=Shoot.objects.get(pk=later.pk), title="Renamed")
    assert Shoot.objects.get(pk=later.pk).title == "Renamed"


def test_api_answers_409_with_the_conflicts_unless_allow_overlap(client_a, maya, booked, team_user):
    api = api_client(team_user)
    body = {
        "client_id": str(client_a.pk),
        "title": "Second",
        "shoot_start": (AT_TEN + HOUR).isoformat(),
        "team": [{"team_member_id": str(maya.pk), "role": "Editor"}],
    }
    response = api.post("/api/shoots", body, format="json")
    assert response.status_code == 409, response.content
    error = response.json()["error"]
    assert error["code"] == "conflict"
    assert "Maya Lens" in error["message"]
    assert error["details"]["conflicts"][0]["shoot_id"] == str(booked.pk)
    assert error["details"]["conflicts"][0]["team_member_id"] == str(maya.pk)
    assert error["request_id"]
    assert Shoot.objects.count() == 1

    response = api.post("/api/shoots", {**body, "allow_overlap": True}, format="json")
    assert response.status_code == 201, response.content
    assert "allow_overlap" not in response.json()

    half_past = (AT_TEN + HOUR / 2).isoformat()
    moved = api.put(f"/api/shoots/{booked.pk}", {"shoot_start": half_past}, format="json")
    assert moved.status_code == 409
    assert (
        api.put(f"/api/shoots/{booked.pk}", {"title": "Renamed"}, format="json").status_code == 200
    )


def test_api_schema_documents_allow_overlap_and_409(team_user):
    schema = api_client(team_user).get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "allow_overlap" in schema["components"]["schemas"]["ShootRequest"]["properties"]
    assert "409" in schema["paths"]["/api/shoots"]["post"]["responses"]


def _form(client_obj, member, **extra):
    return {
        "client": client_obj.pk,
        "title": "Second",
        "shoot_start": timezone.localtime(AT_TEN + HOUR).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "60",
        "status": "Scheduled",
        "crew-TOTAL_FORMS": "1",
        "crew-INITIAL_FORMS": "0",
        "crew-MIN_NUM_FORMS": "0",
        "crew-MAX_NUM_FORMS": "20",
        "crew-0-team_member": member.pk,
        "crew-0-role": "Editor",
        **extra,
    }


def test_form_warns_and_books_after_the_box_is_ticked(client, team_user, client_a, maya, booked):
    client.force_login(team_user)
    response = client.post("/shoots/new/", _form(client_a, maya))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="overlap-warning"' in html
    assert "Maya Lens is already on" in html
    assert 'type="checkbox" name="allow_overlap"' in html
    assert Shoot.objects.count() == 1
    response = client.post("/shoots/new/", _form(client_a, maya, allow_overlap="on"))
    assert response.status_code == 302
    assert Shoot.objects.count() == 2


def test_calendar_and_team_page_show_the_double_booking(client, team_user, client_a, maya, booked):
    client.force_login(team_user)
    other = make_team_member(name="Olly Other")
    make_shoot(client_a, shoot_start=AT_TEN + 5 * HOUR, crew=[(other, "Editor")])
    day = timezone.localtime(AT_TEN).date().isoformat()
    html = client.get(f"/shoots/calendar/?view=week&date={day}").content.decode()
    assert "conflict" not in html.split('class="calendar', 1)[1]
    shoot_create(
        client=client_a, shoot_start=AT_TEN + HOUR, crew=[(maya, "Editor")], allow_overlap=True
    )
    html = client.get(f"/shoots/calendar/?view=week&date={day}").content.decode()
    assert html.count("Crew double-booked") == 2  # both of Maya's shoots, not Olly's
    assert "Double-booked" in client.get(f"/team/{maya.pk}/").content.decode()
    assert "Double-booked" not in client.get(f"/team/{other.pk}/").content.decode()


def test_calendar_conflict_mark_costs_no_query_per_shoot(
    client, team_user, client_a, maya, django_assert_num_queries
):
    client.force_login(team_user)
    day = timezone.localtime(AT_TEN).date().isoformat()
    url = f"/shoots/calendar/?view=week&date={day}"
    make_shoot(client_a, shoot_start=AT_TEN, crew=[(maya, "Editor")])
    few = query_count(client, url)
    for hours in range(1, 8):
        make_shoot(client_a, shoot_start=AT_TEN + hours * HOUR, crew=[(maya, "Editor")])
    with django_assert_num_queries(few):
        client.get(url)
