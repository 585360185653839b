"""A portal request converted into a deliverable from the staff page, in headless Chromium;
the client then finds it on its portal's request page and opens the deliverable."""

from urllib.parse import urlsplit

import pytest

from conftest import screenshot
from deliverables.models import Deliverable
from portal.tests.factories import make_portal_request

pytestmark = pytest.mark.browser


def test_staff_converts_a_request_and_the_client_follows_it(
    page, live_server, team_user, client_a_user, password, client_a
):
    req = make_portal_request(client_a, content="A reel of our new cake\nFilmed this week?")
    page.goto(f"{live_server.url}/")
    page.wait_for_url("**/accounts/login/**")
    page.get_by_label("Email").fill(team_user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/requests/{req.pk}/")
    page.get_by_role("button", name="a deliverable").click()
    page.wait_for_url(f"{live_server.url}/deliverables/**")
    deliverable = Deliverable.objects.get()
    assert deliverable.title == "A reel of our new cake"
    assert page.locator(".alert-success").is_visible()
    page.goto(f"{live_server.url}/requests/{req.pk}/")
    assert page.locator('[data-converted="deliverable"]').is_visible()
    screenshot(page, "request-converted-staff")

    page.context.clear_cookies()
    acme = f"http://acme.localhost:{urlsplit(live_server.url).port}"
    page.goto(f"{acme}/requests/{req.pk}/")
    page.wait_for_url(f"{acme}/sign-in/**")
    page.fill("input[name=username]", client_a_user.email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{acme}/requests/{req.pk}/")
    notice = page.locator('[data-converted="deliverable"]')
    assert notice.is_visible()
    screenshot(page, "request-converted-portal")
    notice.get_by_role("link", name="A reel of our new cake").click()
    page.wait_for_url(f"{acme}/deliverables/{deliverable.pk}/")
