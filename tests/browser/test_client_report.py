"""Contracted vs delivered and request SLAs in headless Chromium: the chart and its risk flags
on the client's dashboard page and its portal home, the PDF link, and an urgent request's
overdue clock on the staff request page."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from conftest import screenshot
from deliverables.tests.factories import make_deliverable
from portal.models import ClientPortalRequest
from portal.tests.factories import make_portal_request

pytestmark = pytest.mark.browser


def test_the_report_chart_and_an_sla_clock_show_to_staff_and_client(
    page, live_server, team_user, client_a_user, password, client_a
):
    client_a.default_reels, client_a.default_photos, client_a.default_carousels = 3, 0, 0
    client_a.save()
    today = timezone.localdate()
    make_deliverable(client=client_a, deliverable_type="Reel", status="Delivered", due_date=today)
    make_deliverable(
        client=client_a, deliverable_type="Reel", status="To Do", due_date=today.replace(day=1)
    )
    req = make_portal_request(client_a, priority="Urgent", content="Fix the oven reel")
    ClientPortalRequest.objects.filter(pk=req.pk).update(
        created_at=timezone.now() - timedelta(hours=3)
    )

    page.goto(f"{live_server.url}/")
    page.wait_for_url("**/accounts/login/**")
    page.get_by_label("Email").fill(team_user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/clients/{client_a.pk}/")
    chart = page.locator(".client-report svg.report-chart")
    assert chart.is_visible()
    # Reels: planned, produced, approved, posted
    assert chart.locator('[data-type="Reels"] .report-bar').count() == 4
    assert "1 produced of 3 planned" in page.locator(".report-totals").inner_text()
    screenshot(page, "client-report-dashboard")
    with page.expect_response(lambda r: "format=pdf" in r.url) as answer:
        page.evaluate(
            "url => fetch(url)",
            page.get_by_role("link", name="Report as PDF").get_attribute("href"),
        )
    assert answer.value.status == 200
    assert answer.value.headers["content-type"] == "application/pdf"

    page.goto(f"{live_server.url}/requests/{req.pk}/")
    clock = page.locator('[data-sla-clock="first_response"]')
    assert clock.get_attribute("data-sla-state") == "breached"
    assert "overdue since" in clock.inner_text()
    screenshot(page, "request-sla-staff")

    page.context.clear_cookies()
    acme = f"http://acme.localhost:{urlsplit(live_server.url).port}"
    page.goto(f"{acme}/")
    page.wait_for_url(f"{acme}/sign-in/**")
    page.fill("input[name=username]", client_a_user.email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{acme}/")
    assert page.locator(".client-report svg.report-chart").is_visible()
    assert page.get_by_role("link", name="Report as PDF").count() == 0
    screenshot(page, "client-report-portal")
