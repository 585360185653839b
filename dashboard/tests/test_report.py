"""Contracted vs delivered: the selector, its risk flags, the API (JSON and PDF) and who may
read it."""

from __future__ import annotations

import datetime as dt
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from dashboard.report import client_report, parse_period, report_chart
from deliverables.models import DeliverableStatus as S
from deliverables.models import DeliverableType as T
from deliverables.tests.factories import make_deliverable
from localbzz.testing import api_client

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 20)


@pytest.fixture
def march(client_a, client_b):
    """Acme's plan: 4 reels, 6 photos, 2 carousels a month; deliverables due in March."""
    client_a.default_reels, client_a.default_photos, client_a.default_carousels = 4, 6, 2
    client_a.save()
    day = dt.date(2026, 3, 10)
    for status in (S.DELIVERED, S.DELIVERED, S.READY_TO_POST, S.NEEDS_REVIEW, S.TO_DO):
        make_deliverable(client=client_a, deliverable_type=T.REEL, status=status, due_date=day)
    make_deliverable(client=client_a, deliverable_type=T.PHOTO, status=S.IN_PROGRESS, due_date=day)
    make_deliverable(
        client=client_a, deliverable_type=T.PHOTO, status=S.NEEDS_REVIEW, due_date=day
    ).__class__.objects.filter(status=S.NEEDS_REVIEW, deliverable_type=T.PHOTO).update(
        status_changed_at=timezone.now() - timedelta(days=9)
    )
    # outside the period or of another client: not counted
    make_deliverable(
        client=client_a, deliverable_type=T.REEL, status=S.DELIVERED, due_date=dt.date(2026, 4, 1)
    )
    make_deliverable(client=client_b, deliverable_type=T.REEL, status=S.DELIVERED, due_date=day)
    return client_a


def test_parse_period_takes_a_month_or_a_quarter_and_refuses_the_rest():
    assert parse_period("2026-03").start == dt.date(2026, 3, 1)
    assert parse_period("2026-03").end == dt.date(2026, 4, 1)
    quarter = parse_period("2026-q4")
    assert (quarter.start, quarter.end, quarter.months) == (
        dt.date(2026, 10, 1),
        dt.date(2027, 1, 1),
        3,
    )
    assert parse_period(None, today=TODAY).label == "2026-03"
    for bad in ("2026-13", "2026-00", "26-03", "2026-Q5", "march", "2026-03-01"):
        with pytest.raises(ValueError, match="YYYY-MM"):
            parse_period(bad)


def test_the_report_counts_plan_produced_approved_posted_overdue_and_waiting(
    march, team_user, django_assert_num_queries
):
    with django_assert_num_queries(1):
        report = client_report(
            user=team_user, client=march, period=parse_period("2026-03"), today=TODAY
        )
    assert report["planned"] == 12
    assert report["produced"] == 5  # 2 delivered, 1 ready, 2 in review
    assert report["approved"] == 3
    assert report["posted"] == 2
    assert report["overdue"] == 4  # open (in review included, as Deliverable.overdue), due the 10th
    assert report["awaiting_client"] == 2
    reels = report["by_type"]["Reel"]
    assert reels == {
        "planned": 4,
        "produced": 4,
        "approved": 3,
        "posted": 2,
        "overdue": 2,
        "awaiting_client": 1,
    }
    assert report["by_type"]["Carousel"]["planned"] == 2
    assert report["by_type"]["Other"]["planned"] == 0
    codes = {r["code"]: r["count"] for r in report["risks"]}
    # 20 of 31 days gone: 12 * 20/31 = 7 expected, 5 produced
    assert codes == {"behind_plan": 2, "overdue": 4, "awaiting_client": 1}


def test_a_quarter_multiplies_the_plan_and_a_future_month_is_not_behind(march, team_user):
    quarter = client_report(
        user=team_user, client=march, period=parse_period("2026-Q1"), today=TODAY
    )
    assert quarter["planned"] == 36
    assert quarter["produced"] == 5
    future = client_report(
        user=team_user, client=march, period=parse_period("2026-05"), today=TODAY
    )
    assert future["planned"] == 12
    assert future["produced"] == 0
    assert future["risks"] == []


def test_the_chart_draws_each_planned_type_on_one_scale(march, team_user):
    report = client_report(
        user=team_user, client=march, period=parse_period("2026-03"), today=TODAY
    )
    chart = report_chart(report)
    assert [g["label"] for g in chart["groups"]] == ["Reels", "Photos", "Carousels"]
    assert chart["scale"] == 6
    photos = chart["groups"][1]
    assert [b["value"] for b in photos["bars"]] == [6, 1, 0, 0]
    assert photos["bars"][0]["height"] == 100.0
    assert photos["state"] == "under"


def _url(client, **query):
    url = reverse("api:client-report", kwargs={"pk": client.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_api_answers_the_contract(march, team_user):
    response = api_client(team_user).get(_url(march, period="2026-03"))
    assert response.status_code == 200, response.content
    body = response.json()
    for key in ("planned", "produced", "approved", "posted", "overdue", "awaiting_client"):
        assert isinstance(body[key], int)
    assert body["planned"] == 12
    assert body["posted"] == 2
    assert set(body["by_type"]) == {"Reel", "Photo", "Carousel", "Other"}
    assert body["client"] == "Acme Bakery"
    assert body["end"] == "2026-03-31"


@pytest.mark.parametrize(
    ("query", "field"),
    [({"period": "2026-13"}, "period"), ({"period": "x"}, "period"), ({"format": "xml"}, "format")],
)
def test_bad_input_is_a_400_in_the_error_body(march, team_user, query, field):
    response = api_client(team_user).get(_url(march, **query))
    assert response.status_code == 400
    assert field in str(response.json())


def test_a_client_user_reads_its_own_report_only(march, client_b, client_a_user):
    api = api_client(client_a_user)
    assert api.get(_url(march, period="2026-03")).status_code == 200
    assert api.get(_url(client_b, period="2026-03")).status_code == 404
    assert api.get(_url(client_b, period="2026-03", format="pdf")).status_code == 404
    assert api_client().get(_url(march)).status_code == 401


def test_the_pdf_holds_the_client_name_and_figures(march, team_user):
    response = api_client(team_user).get(_url(march, period="2026-03", format="pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "Acme Bakery" in text
    assert "2026-03" in text
    # the totals table: measure then figure
    for line in ("Planned 12", "Produced 5", "Approved 3", "Posted 2", "Awaiting client 2"):
        assert line in text, text
    assert "Reel 4 4 3 2 2 1" in text  # the by-type row: planned to awaiting client
    assert "awaiting the client's review for more than 5 days" in text


def test_the_report_is_in_the_schema(admin_user):
    schema = api_client(admin_user).get("/api/schema?format=json").json()
    operation = schema["paths"]["/api/clients/{id}/report"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"period", "format"} <= names
    assert set(operation["responses"]["200"]["content"]) == {"application/json", "application/pdf"}
    assert {"400", "401", "404"} <= set(operation["responses"])
