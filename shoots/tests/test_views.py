"""Dashboard pages of shoots: create with crew, one-click status, calendar, delete rules."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dashboard.tests.factories import make_dashboard_world
from localbzz.testing import query_count
from shoots.models import Shoot
from shoots.tests.factories import make_shoot
from team.tests.factories import make_team_member


@pytest.fixture
def team(client, team_user):
    client.force_login(team_user)
    return client


def _shoot_data(client_obj, **extra):
    data = {
        "client": client_obj.pk,
        "title": "Spring menu",
        "shoot_start": "2027-03-02T10:00",
        "duration_minutes": "90",
        "status": "Scheduled",
        "location": "Bakery",
        "crew-TOTAL_FORMS": "2",
        "crew-INITIAL_FORMS": "0",
        "crew-MIN_NUM_FORMS": "0",
        "crew-MAX_NUM_FORMS": "20",
    }
    data.update(extra)
    return data


def test_create_shoot_with_crew_and_roles(team, client_a):
    editor = make_team_member(name="Eve Editor")
    creator = make_team_member(name="Carl Creator")
    data = _shoot_data(
        client_a,
        **{
            "crew-0-team_member": editor.pk,
            "crew-0-role": "Editor",
            "crew-1-team_member": creator.pk,
            "crew-1-role": "Content Creator",
        },
    )
    response = team.post("/shoots/new/", data)
    assert response.status_code == 302
    shoot = Shoot.objects.get(title="Spring menu")
    assert shoot.duration == timedelta(minutes=90)
    assert {(a.team_member.name, a.role) for a in shoot.assignments.all()} == {
        ("Eve Editor", "Editor"),
        ("Carl Creator", "Content Creator"),
    }
    page = team.get(response["Location"]).content.decode()
    assert "Eve Editor" in page
    assert "as Editor" in page


def test_create_with_errors_keeps_input_and_shows_field_errors(team, client_a):
    member = make_team_member()
    data = _shoot_data(
        client_a,
        duration_minutes="0",
        title="Kept title",
        **{"crew-0-team_member": member.pk, "crew-1-team_member": member.pk},
    )
    response = team.post("/shoots/new/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kept title" in html
    assert "field-error" in html
    assert "on the crew twice" in html
    assert not Shoot.objects.filter(title="Kept title").exists()


def test_edit_replaces_crew(team, client_a):
    old = make_team_member(name="Old Crew")
    new = make_team_member(name="New Crew")
    shoot = make_shoot(client_a, crew=[(old, "Editor")])
    data = _shoot_data(client_a, **{"crew-0-team_member": new.pk, "crew-0-role": "Scheduler"})
    assert team.post(f"/shoots/{shoot.pk}/edit/", data).status_code == 302
    assert [(a.team_member.name, a.role) for a in shoot.assignments.all()] == [
        ("New Crew", "Scheduler")
    ]


def test_status_changes_in_one_click(team, client_a):
    # a shoot that has happened (a future one asks first: tests/test_producers_day.py)
    shoot = make_shoot(client_a, shoot_start=timezone.now() - timedelta(hours=3))
    response = team.post(f"/shoots/{shoot.pk}/status/", {"status": "Completed"})
    assert response.status_code == 302
    shoot.refresh_from_db()
    assert shoot.status == "Completed"
    assert team.post(f"/shoots/{shoot.pk}/status/", {"status": "Lost"}).status_code == 400


def test_team_member_cannot_delete_a_completed_shoot_nor_see_the_button(team, client_a):
    shoot = make_shoot(client_a, status="Completed")
    page = team.get(f"/shoots/{shoot.pk}/").content.decode()
    assert f"/shoots/{shoot.pk}/delete/" not in page
    assert team.post(f"/shoots/{shoot.pk}/delete/").status_code == 404
    assert Shoot.objects.filter(pk=shoot.pk).exists()


def test_admin_deletes_a_completed_shoot_after_confirming(client, admin_user, client_a):
    client.force_login(admin_user)
    shoot = make_shoot(client_a, status="Completed")
    assert f"/shoots/{shoot.pk}/delete/" in client.get(f"/shoots/{shoot.pk}/").content.decode()
    assert b"cannot be undone" in client.get(f"/shoots/{shoot.pk}/delete/").content
    assert client.post(f"/shoots/{shoot.pk}/delete/").status_code == 302
    assert not Shoot.objects.filter(pk=shoot.pk).exists()


def test_team_member_may_delete_a_scheduled_shoot(team, client_a):
    shoot = make_shoot(client_a)
    assert team.post(f"/shoots/{shoot.pk}/delete/").status_code == 302
    assert not Shoot.objects.filter(pk=shoot.pk).exists()


def test_calendar_shows_shoots_in_month_and_week(team, client_a):
    start = timezone.now().replace(hour=11, minute=0) + timedelta(days=1)
    make_shoot(client_a, shoot_start=start)
    day = timezone.localtime(start).date().isoformat()
    for view in ("month", "week"):
        html = team.get(f"/shoots/calendar/?view={view}&date={day}").content.decode()
        assert "Acme Bakery" in html
    assert team.get("/shoots/calendar/?date=not-a-date").status_code == 200


def test_list_filters_today_and_by_member(team, client_a, team_user):
    make_shoot(client_a, title="Today shoot", shoot_start=timezone.now())
    make_shoot(client_a, title="Later shoot", shoot_start=timezone.now() + timedelta(days=30))
    html = team.get("/shoots/?when=today").content.decode()
    assert "Today shoot" in html
    assert "Later shoot" not in html


@pytest.mark.parametrize(
    "url", ["/shoots/", "/shoots/calendar/", "/shoots/calendar/?view=week", "/shoots/?when=week"]
)
def test_query_count_does_not_grow_with_rows(
    team, client_a, team_user, url, django_assert_num_queries
):
    make_dashboard_world(client_a, team_user.team_member, n=2)
    few = query_count(team, url)
    make_dashboard_world(client_a, team_user.team_member, n=30)
    with django_assert_num_queries(few):
        team.get(url)
    assert few <= 15


def test_extreme_dates_are_refused_politely_not_500(team, client_a):
    assert team.get("/shoots/calendar/?date=9999-12-31").status_code == 200
    assert team.get("/shoots/calendar/?view=week&date=0001-01-01").status_code == 200
    response = team.post("/shoots/new/", _shoot_data(client_a, shoot_start="9999-12-31T23:00"))
    assert response.status_code == 200
    assert b"between 2000 and 2100" in response.content
