"""The producer's day in the browser (desktop and 390 px): search, double-booking, default
orders and the smaller points (request status after a reply, phones, favicon)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from deliverables.tests.factories import make_deliverable
from portal.models import ClientPortalRequest
from portal.tests.factories import make_portal_request
from shoots.models import Shoot
from shoots.tests.factories import make_shoot
from tasks.tests.factories import make_task
from team.tests.factories import make_team_member
from tests.browser.test_accessibility import _sign_in as _session_of
from tests.browser.test_accessibility import run_axe

pytestmark = pytest.mark.browser

WIDTHS = [1280, 390]


def _sign_in(page, live_server, user, password):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


@pytest.mark.parametrize("width", WIDTHS)
def test_search_from_the_keyboard(page, live_server, team_user, password, client_a, width):
    page.set_viewport_size({"width": width, "height": 900})
    maya = make_team_member(name="Maya Lens")
    make_shoot(client_a, title="Croissant shoot", crew=[(maya, "Editor")])
    reel = make_deliverable(client_a, title="Croissant reel", assignee=maya)
    make_task(name="Edit croissant teaser", client=client_a)
    _sign_in(page, live_server, team_user, password)

    page.keyboard.press("/")
    box = page.locator("#global-q")
    expect(box).to_be_focused()
    box.type("croissant", delay=20)
    listbox = page.locator("#global-q-list")
    expect(listbox).to_be_visible()
    expect(listbox.locator(".search-suggest-label")).to_have_text(
        ["Shoots", "Deliverables", "Tasks"]
    )
    assert box.get_attribute("aria-expanded") == "true"
    assert not run_axe(page), "the open suggestions pass axe"
    # the first hit is active; one step down is the deliverable
    page.keyboard.press("ArrowDown")
    active = listbox.locator("[aria-selected=true]")
    expect(active).to_contain_text("Croissant reel")
    assert box.get_attribute("aria-activedescendant") == active.get_attribute("id")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/deliverables/{reel.pk}/**")

    page.keyboard.press("/")
    page.keyboard.type("maya")
    expect(page.locator("#global-q-list .search-suggest-label")).to_have_text(
        ["Shoots", "Deliverables", "People"]
    )
    page.keyboard.press("Escape")
    expect(page.locator("#global-q-list")).to_be_hidden()
    page.keyboard.press("Enter")  # no active option: the full results page
    page.wait_for_url("**/search/?q=maya")
    expect(page.get_by_role("heading", name="People")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_shoot_form_warns_of_a_double_booking(
    page, live_server, team_user, password, client_a, width
):
    page.set_viewport_size({"width": width, "height": 900})
    maya = make_team_member(name="Maya Lens", roles=("Content Creator",))
    start = (timezone.localtime() + timedelta(days=3)).replace(hour=10, minute=0)
    make_shoot(client_a, title="Morning shoot", shoot_start=start, crew=[(maya, "Editor")])
    _sign_in(page, live_server, team_user, password)
    page.goto(f"{live_server.url}/shoots/new/")
    page.locator("#id_client").select_option(label="Acme Bakery")
    page.get_by_label("Title").fill("Overlapping shoot")
    page.get_by_label("Starts at").fill((start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_crew-0-team_member").select_option(label="Maya Lens")
    page.get_by_role("button", name="Save shoot").click()
    warning = page.locator("#overlap-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Maya Lens is already on “Morning shoot”")
    assert not Shoot.objects.filter(title="Overlapping shoot").exists()
    page.get_by_label("Book anyway: I know about the overlap").check()
    page.get_by_role("button", name="Save shoot").click()
    page.wait_for_url("**/shoots/*/")
    assert Shoot.objects.filter(title="Overlapping shoot").exists()
    page.goto(f"{live_server.url}/shoots/calendar/?view=week&date={start.date().isoformat()}")
    expect(page.locator(".calendar .ev.conflict")).to_have_count(2)
    page.goto(f"{live_server.url}/team/{maya.pk}/")
    expect(page.get_by_text("Double-booked").first).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_lists_open_on_todays_work(page, live_server, team_user, password, client_a, width):
    page.set_viewport_size({"width": width, "height": 900})
    now = timezone.now()
    make_shoot(client_a, title="January shoot", shoot_start=now - timedelta(days=300))
    make_shoot(client_a, title="Tomorrow shoot", shoot_start=now + timedelta(days=1))
    make_deliverable(
        client_a,
        title="September delivery",
        status="Delivered",
        status_changed_at=now - timedelta(days=80),
    )
    make_deliverable(client_a, title="Due Friday", due_date=timezone.localdate() + timedelta(3))
    _sign_in(page, live_server, team_user, password)
    page.goto(f"{live_server.url}/shoots/")
    expect(page.locator("main tbody tr").first).to_contain_text("Tomorrow shoot")
    page.goto(f"{live_server.url}/deliverables/")
    expect(page.locator("main tbody tr").first).to_contain_text("Due Friday")


def test_a_staff_reply_shows_the_request_as_working(
    page, live_server, team_user, password, client_a
):
    asked = make_portal_request(client_a, content="Can we move Friday's shoot?")
    _sign_in(page, live_server, team_user, password)
    page.goto(f"{live_server.url}/requests/{asked.pk}/")
    expect(page.locator("h1 .badge")).to_have_text("New")
    page.get_by_role("textbox", name="Reply").fill("Yes, Monday 10:00 works.")
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator("h1 .badge")).to_have_text("Working")
    assert ClientPortalRequest.objects.get(pk=asked.pk).status == "Working"


def test_webhook_page_fits_a_phone_and_pages_have_a_favicon(page, live_server, admin_user):
    from localbzz.events.models import WebhookEndpoint

    WebhookEndpoint.objects.create(
        url="https://hooks.example.com/localbzz/a-rather-long-path/receiver?token=abcdef123456",
        event_types=["deliverable.status_changed", "shoot.created", "portal_request.created"],
    )
    page.set_viewport_size({"width": 390, "height": 844})
    _session_of(page.context, live_server, admin_user)  # an admin signs in with MFA
    for path in ("/events/webhooks/", f"/events/webhooks/{WebhookEndpoint.objects.get().pk}/"):
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide on a 390px phone"
        sideways = page.evaluate(
            "[...document.querySelectorAll('.table-wrap')]"
            ".filter(e => e.scrollWidth > e.clientWidth + 1).length"
        )
        assert sideways == 0, f"{path} has a table to scroll sideways"
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(f"{live_server.url}{icon}").status == 200


def test_axe_is_injected_through_devtools_because_the_csp_blocks_script_tags(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    with pytest.raises(Exception, match="(?i)content security policy|refused|failed"):
        page.add_script_tag(content="window.__injected = 1")
    assert page.evaluate("typeof window.__injected") == "undefined"
    assert run_axe(page) == []  # page.evaluate runs outside the page's CSP
