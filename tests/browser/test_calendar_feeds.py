"""Calendar feeds in headless Chromium: made, renewed and removed on the account pages; the
feed read back with icalendar holds what the person may see."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from icalendar import Calendar

from calendars.models import CalendarFeed
from conftest import screenshot
from deliverables.tests.factories import make_deliverable
from shoots.tests.factories import make_shoot

pytestmark = pytest.mark.browser


def _uids(page, live_server, url: str):
    response = page.request.get(f"{live_server.url}{urlsplit(url).path}")
    if response.status != 200:
        return response.status
    return {str(e["UID"]) for e in Calendar.from_ical(response.body()).walk("VEVENT")}


def test_team_member_makes_renews_and_removes_a_client_feed(
    page, live_server, team_user, password, client_a, client_b
):
    soon = timezone.now() + timedelta(days=2)
    shoot = make_shoot(client_a, title="Menu shoot", shoot_start=soon)
    due = make_deliverable(client_a, title="Menu reel", due_date=soon.date())
    make_shoot(client_b, title="Other client", shoot_start=soon)
    page.goto(f"{live_server.url}/")
    page.wait_for_url("**/accounts/login/**")
    page.get_by_label("Email").fill(team_user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="Account").click()
    page.wait_for_url(f"{live_server.url}/account/")

    page.select_option("[data-scope]", "client")
    page.select_option("[data-client]", label="Acme Bakery")
    page.get_by_role("button", name="Make a feed").click()
    secret = page.locator("[data-feed-url]")
    secret.wait_for(state="visible")
    first_url = secret.input_value()
    assert first_url.endswith(".ics")
    assert page.locator("[data-feed-list] .feed-name", has_text="Acme Bakery").is_visible()
    screenshot(page, "calendar-feeds-account")
    assert _uids(page, live_server, first_url) == {
        f"shoot-{shoot.pk}@localbzz",
        f"deliverable-due-{due.pk}@localbzz",
    }

    page.get_by_role("button", name="Renew address").click()
    page.wait_for_function(
        "old => document.querySelector('[data-feed-url]').value !== old", arg=first_url
    )
    second_url = secret.input_value()
    assert _uids(page, live_server, first_url) == 404
    assert isinstance(_uids(page, live_server, second_url), set)

    page.get_by_role("button", name="Remove").click()
    page.locator("[data-feed-list] .feed").wait_for(state="detached")
    assert _uids(page, live_server, second_url) == 404
    assert CalendarFeed.objects.get().revoked_at is not None


def test_client_makes_its_feed_on_the_portal(page, live_server, client_a_user, password, client_a):
    soon = timezone.now() + timedelta(days=2)
    shoot = make_shoot(client_a, title="Spring shoot", shoot_start=soon)
    acme = f"http://acme.localhost:{urlsplit(live_server.url).port}"
    page.goto(f"{acme}/account/")
    page.wait_for_url(f"{acme}/sign-in/**")
    page.fill("input[name=username]", client_a_user.email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{acme}/account/")
    assert page.locator("[data-scope] option").count() == 1  # its own business only
    page.get_by_role("button", name="Make a feed").click()
    secret = page.locator("[data-feed-url]")
    secret.wait_for(state="visible")
    screenshot(page, "calendar-feeds-portal")
    assert _uids(page, live_server, secret.input_value()) == {f"shoot-{shoot.pk}@localbzz"}
