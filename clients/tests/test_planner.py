"""The cadence planner: per frequency, month and quarter boundaries, idempotence, the API."""

from __future__ import annotations

import datetime as dt

import pytest

from clients import planner
from clients.models import ClientStatus, ShootFrequency
from clients.tests.factories import make_client
from deliverables.models import Deliverable
from deliverables.tests.factories import make_deliverable
from localbzz.events.models import Event
from localbzz.testing import api_client
from shoots.models import Shoot
from shoots.tests.factories import make_shoot

pytestmark = pytest.mark.django_db


def _client(frequency=ShootFrequency.MONTHLY, **kw):
    kw.setdefault("status", ClientStatus.ACTIVE)
    return make_client(
        shoot_frequency=frequency, default_reels=3, default_photos=2, default_carousels=1, **kw
    )


def _plan(client, month, user=None):
    return planner.plan(client=client, month=dt.date.fromisoformat(month + "-01"), user=user)


def test_monthly_plans_one_shoot_and_the_default_counts_within_the_month(admin_user):
    body = _plan(_client(), "2030-02", admin_user)
    assert (body["start"], body["end"]) == ("2030-02-01", "2030-02-28")
    assert body["shoots"]["to_create"] == [
        {"title": "February 2030 shoot", "shoot_start": "2030-02-11T10:00:00+00:00"}
    ]  # the 10th is a Sunday: the next weekday
    counts = {d["type"]: len(d["to_create"]) for d in body["deliverables"]}
    assert counts == {"Reel": 3, "Photo": 2, "Carousel": 1}
    dates = [i["due_date"] for d in body["deliverables"] for i in d["to_create"]]
    assert (min(dates), max(dates)) == ("2030-02-18", "2030-02-28")


def test_december_ends_on_new_years_eve(admin_user):
    body = _plan(_client(), "2030-12", admin_user)
    assert body["end"] == "2030-12-31"
    assert max(i["due_date"] for d in body["deliverables"] for i in d["to_create"]) == "2030-12-31"


@pytest.mark.parametrize(
    ("month", "end"),
    [
        ("2030-01", "2030-03-31"),
        ("2030-04", "2030-06-30"),
        ("2030-07", "2030-09-30"),
        ("2030-10", "2030-12-31"),
    ],
)
def test_quarterly_plans_in_the_quarters_first_month_for_the_quarter(admin_user, month, end):
    body = _plan(_client(ShootFrequency.QUARTERLY), month, admin_user)
    assert (body["start"], body["end"]) == (f"{month}-01", end)
    assert body["shoots"]["planned"] == 1


@pytest.mark.parametrize("month", ["2030-02", "2030-03", "2030-11", "2030-12"])
def test_quarterly_plans_nothing_in_the_other_months(admin_user, month):
    body = _plan(_client(ShootFrequency.QUARTERLY), month, admin_user)
    assert body["shoots"]["planned"] == 0
    assert body["deliverables"] == []
    assert "first month" in body["reason"]


@pytest.mark.parametrize("frequency", [ShootFrequency.PER_PROJECT, ShootFrequency.AD_HOC])
def test_per_project_and_ad_hoc_are_planned_by_hand(admin_user, frequency):
    body = _plan(_client(frequency), "2030-02", admin_user)
    assert body["shoots"]["planned"] == 0
    assert "by hand" in body["reason"]


def test_an_inactive_client_is_not_planned(admin_user):
    body = _plan(_client(status=ClientStatus.INACTIVE), "2030-02", admin_user)
    assert body["shoots"]["planned"] == 0
    assert "active" in body["reason"]


def test_what_exists_in_the_period_counts_and_the_boundaries_are_exact(admin_user):
    client = _client()
    make_shoot(client, shoot_start=dt.datetime(2030, 2, 28, 23, 0, tzinfo=dt.UTC))
    make_deliverable(client, None, deliverable_type="Reel", due_date=dt.date(2030, 2, 1))
    make_deliverable(client, None, deliverable_type="Reel", due_date=dt.date(2030, 1, 31))
    make_deliverable(client, None, deliverable_type="Photo", due_date=dt.date(2030, 3, 1))
    body = _plan(client, "2030-02", admin_user)
    assert body["shoots"] == {"planned": 1, "existing": 1, "to_create": []}
    rows = {d["type"]: (d["existing"], len(d["to_create"])) for d in body["deliverables"]}
    assert rows == {"Reel": (1, 2), "Photo": (0, 2), "Carousel": (0, 1)}


def test_apply_is_idempotent_and_writes_through_the_services(team_user):
    client = _client()
    api = api_client(team_user)
    url = f"/api/clients/{client.pk}/plan"
    preview = api.get(url, {"period": "2030-02"}).json()
    first = api.post(url, {"period": "2030-02"}, format="json").json()
    assert first["created"] == {"shoots": 1, "deliverables": 6}
    assert preview["shoots"]["to_create"][0]["title"] == Shoot.objects.get().title
    assert set(Deliverable.objects.values_list("shoot", flat=True)) == {Shoot.objects.get().pk}
    assert Event.objects.filter(type="deliverable.created").count() == 6
    again = api.post(url, {"period": "2030-02"}, format="json").json()
    assert again["created"] == {"shoots": 0, "deliverables": 0}
    assert (Shoot.objects.count(), Deliverable.objects.count()) == (1, 6)
    assert again["plan"]["shoots"]["existing"] == 1


def test_the_api_refuses_a_bad_period_and_other_roles(client_a_user, client_b_user, admin_user):
    client = _client()
    url = f"/api/clients/{client.pk}/plan"
    response = api_client(admin_user).get(url, {"period": "2030-13"})
    assert response.status_code == 400
    assert "period" in response.json()["error"]["details"]
    assert api_client(admin_user).post(url, [1, 2], format="json").status_code == 200
    assert api_client(client_b_user).get(url).status_code == 404
    assert api_client(None).get(url).status_code == 401


def test_no_period_defaults_to_next_month(admin_user):
    body = api_client(admin_user).get(f"/api/clients/{_client().pk}/plan").json()
    assert body["period"] == f"{planner.next_month():%Y-%m}"


def test_the_client_page_shows_the_plan_and_applies_it(client, team_user):
    acme = _client()
    client.force_login(team_user)
    html = client.get(f"/clients/{acme.pk}/").content.decode()
    period = f"{planner.next_month():%Y-%m}"
    assert f"Plan for {period}" in html
    assert "Apply plan" in html
    response = client.post(f"/clients/{acme.pk}/plan/", {"period": period}, follow=True)
    assert "1 shoot(s) and 6 deliverable(s) created" in response.content.decode()
    client.post(f"/clients/{acme.pk}/plan/", {"period": period})
    assert (Shoot.objects.count(), Deliverable.objects.count()) == (1, 6)
    response = client.post(f"/clients/{acme.pk}/plan/", {"period": "soon"}, follow=True)
    assert "YYYY-MM" in response.content.decode()
