"""The contracted-vs-delivered chart on the client's dashboard page and its portal home."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from deliverables.models import DeliverableStatus as S
from deliverables.tests.factories import make_deliverable

pytestmark = pytest.mark.django_db


@pytest.fixture
def this_month(client_a, client_b):
    """Acme plans 3 reels a month; one is posted, one waits for the client 9 days, one is late
    (when today is past the 1st); Bravo's reel is not Acme's."""
    client_a.default_reels = 3
    client_a.save()
    today = timezone.localdate()
    first = today.replace(day=1)
    make_deliverable(client=client_a, deliverable_type="Reel", status=S.DELIVERED, due_date=today)
    waiting = make_deliverable(
        client=client_a, deliverable_type="Reel", status=S.NEEDS_REVIEW, due_date=today
    )
    type(waiting).objects.filter(pk=waiting.pk).update(
        status_changed_at=timezone.now() - timedelta(days=9)
    )
    make_deliverable(client=client_a, deliverable_type="Reel", status=S.TO_DO, due_date=first)
    make_deliverable(client=client_b, deliverable_type="Reel", status=S.DELIVERED, due_date=today)
    return client_a


def _bars(html: str) -> dict:
    """``{measure: value}`` of the Reels group as the SVG draws it."""
    group = re.search(r'data-type="Reels".*?</g>', html, re.S).group(0)
    found = re.findall(r"<title>Reels: (\d+) (\w+)</title>", group)
    return {name: int(value) for value, name in found}


def test_the_client_page_draws_the_report_with_its_risks_and_pdf_link(
    client, team_user, this_month
):
    client.force_login(team_user)
    html = client.get(f"/clients/{this_month.pk}/").content.decode()
    assert "Contracted vs delivered" in html
    assert _bars(html) == {"planned": 3, "produced": 2, "approved": 1, "posted": 1}
    assert "awaiting the client&#x27;s review for more than 5 days" in html
    period = f"{timezone.localdate():%Y-%m}"
    assert f"/api/clients/{this_month.pk}/report?period={period}&amp;format=pdf" in html


def test_the_portal_home_draws_the_same_report_without_the_staff_link(
    client, client_a_user, this_month
):
    client.force_login(client_a_user)
    client.defaults["HTTP_HOST"] = "acme.localhost"
    html = client.get("/").content.decode()
    assert "Planned vs delivered" in html
    assert _bars(html) == {"planned": 3, "produced": 2, "approved": 1, "posted": 1}
    assert "format=pdf" not in html
