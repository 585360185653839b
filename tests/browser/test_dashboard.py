"""The staff dashboard in headless Chromium against a live server."""

from datetime import timedelta

import pytest
from django.utils import timezone

from clients.models import Client
from conftest import screenshot
from dashboard.tests.factories import make_dashboard_world
from deliverables.models import Deliverable
from deliverables.tests.factories import make_deliverable
from forms.tests.factories import make_form_submission
from portal.tests.factories import make_portal_request
from shoots.models import Shoot
from tasks.models import TimeEntry
from tasks.tests.factories import make_task
from team.tests.factories import make_team_member

pytestmark = pytest.mark.browser


def _sign_in(page, live_server, email, password):
    page.goto(f"{live_server.url}/")
    page.wait_for_url("**/accounts/login/**")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_team_member_signs_in_and_creates_a_shoot(page, live_server, team_user, password, client_a):
    make_dashboard_world(client_a, team_user.team_member, n=4)
    crew = make_team_member(name="Maya Lens", roles=("Content Creator",))
    _sign_in(page, live_server, team_user.email, password)
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("#card-my_tasks .count").inner_text() == "4"
    screenshot(page, "dashboard-home")

    page.get_by_role("link", name="New shoot").first.click()
    page.locator("#id_client").select_option(label="Acme Bakery")
    page.get_by_label("Title").fill("Spring menu")
    start = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT10:00")
    page.get_by_label("Starts at").fill(start)
    page.get_by_label("Duration (minutes)").fill("90")
    page.get_by_label("Location").fill("Main Street 1")
    page.locator("#id_crew-0-team_member").select_option(label="Maya Lens")
    page.locator("#id_crew-0-role").select_option("Content Creator")
    screenshot(page, "dashboard-shoot-form")
    page.get_by_role("button", name="Save shoot").click()
    page.wait_for_url("**/shoots/*/")
    shoot = Shoot.objects.get(title="Spring menu")
    assert shoot.client == client_a
    assert list(shoot.team_members.all()) == [crew]
    assert "Maya Lens" in page.content()
    screenshot(page, "dashboard-shoot-detail")

    page.get_by_role("button", name="Postponed").click()
    page.wait_for_selector("text=Shoot marked Postponed")
    shoot.refresh_from_db()
    assert shoot.status == "Postponed"

    page.goto(f"{live_server.url}/shoots/calendar/")
    assert page.locator(".calendar .ev").count() >= 1
    screenshot(page, "dashboard-calendar")


def test_shoot_form_errors_stay_in_place(page, live_server, team_user, password, client_a):
    _sign_in(page, live_server, team_user.email, password)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/shoots/new/")
    page.get_by_label("Title").fill("Typed title")
    page.get_by_role("button", name="Save shoot").click()
    assert page.locator(".field-error").count() >= 1
    assert page.get_by_label("Title").input_value() == "Typed title"


def test_deliverable_moves_on_the_board_by_drag_and_by_keyboard(
    page, live_server, team_user, password, client_a
):
    dragged = make_deliverable(client_a, title="Croissant reel", status="In Progress")
    keyed = make_deliverable(client_a, title="Sourdough carousel", status="In Progress")
    _sign_in(page, live_server, team_user.email, password)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/deliverables/board/")
    screenshot(page, "dashboard-board")

    page.drag_and_drop(f"#card-{dragged.pk}", "#col-needs-review")
    page.wait_for_selector(f"#col-needs-review #card-{dragged.pk}")
    page.wait_for_function(
        "() => document.querySelector('#col-needs-review .badge').textContent.trim() === '1'"
    )
    page.wait_for_function(
        "() => document.querySelectorAll('#col-in-progress .kcard').length === 1"
    )
    dragged.refresh_from_db()
    assert dragged.status == "Needs Review"

    select = page.get_by_label("Move “Sourdough carousel” to")
    select.focus()
    select.select_option("Needs Review")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('#col-needs-review .badge').textContent.trim() === '2'"
    )
    keyed.refresh_from_db()
    assert keyed.status == "Needs Review"
    page.wait_for_function(f"() => document.activeElement.id === 'move-{keyed.pk}'")
    assert page.locator("#col-in-progress .kcard").count() == 0
    screenshot(page, "dashboard-board-after-move")


def test_team_member_logs_time_on_a_task(page, live_server, team_user, password, client_a):
    task = make_task(name="Colour grade", client=client_a, assignees=[team_user.team_member])
    _sign_in(page, live_server, team_user.email, password)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/tasks/board/")
    screenshot(page, "dashboard-task-board")
    page.get_by_role("link", name="Colour grade").click()
    page.get_by_label("Minutes").fill("45")
    page.get_by_label("Note").fill("first pass")
    page.get_by_role("button", name="Log time").click()
    page.wait_for_selector("text=Logged 45 min.")
    entry = TimeEntry.objects.get(task=task)
    assert entry.duration == timedelta(minutes=45)
    assert entry.user == team_user

    page.get_by_role("button", name="Start timer").click()
    page.wait_for_selector("text=Timer running on")
    assert TimeEntry.objects.filter(task=task, ended_at__isnull=True).exists()
    page.get_by_role("button", name="Stop timer").first.click()
    page.wait_for_selector("text=Logged")
    assert not TimeEntry.objects.filter(task=task, ended_at__isnull=True).exists()
    screenshot(page, "dashboard-task-detail")


def test_team_member_approves_a_submission_and_sees_the_new_client(
    page, live_server, team_user, password
):
    make_form_submission(business_name="Corner Florist", contact_name="Flora")
    _sign_in(page, live_server, team_user.email, password)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/submissions/")
    screenshot(page, "dashboard-submissions")
    page.get_by_role("link", name="Corner Florist").click()
    page.get_by_role("button", name="Approve and create a Pitching client").click()
    page.wait_for_url("**/clients/*/")
    assert page.locator("h1").inner_text().startswith("Corner Florist")
    assert Client.objects.get(name="Corner Florist").status == "Pitching"
    screenshot(page, "dashboard-client-detail")
    page.goto(f"{live_server.url}/clients/?status=Pitching")
    assert page.get_by_role("link", name="Corner Florist").is_visible()
    screenshot(page, "dashboard-clients")


def test_client_user_is_refused_by_the_dashboard(page, live_server, client_a_user, password):
    _sign_in(page, live_server, client_a_user.email, password)
    assert page.get_by_text("Clients use their own portal").is_visible()
    screenshot(page, "dashboard-login-refused")
    response = page.goto(f"{live_server.url}/deliverables/board/")
    assert "/accounts/login/" in page.url
    assert response.status == 200
    assert "Acme" not in page.content()


def test_main_pages_render_at_desktop_and_phone_width(
    page, live_server, team_user, password, client_a
):
    make_dashboard_world(client_a, team_user.team_member, n=6)
    make_portal_request(client_a, content="Can we feature the new cake?")
    _sign_in(page, live_server, team_user.email, password)
    page.wait_for_url(f"{live_server.url}/")
    pages = {
        "dashboard-deliverables": "/deliverables/",
        "dashboard-tasks": "/tasks/",
        "dashboard-requests": "/requests/",
        "dashboard-team": "/team/",
        "dashboard-shoots": "/shoots/",
    }
    for name, path in pages.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200
        screenshot(page, name)
    page.set_viewport_size({"width": 390, "height": 844})
    for name, path in (("home", "/"), ("board", "/deliverables/board/"), ("tasks", "/tasks/")):
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 392, f"{path} scrolls sideways at phone width ({width}px)"
        screenshot(page, f"dashboard-phone-{name}")
    page.locator(".nav-toggle-btn").click()
    page.get_by_role("link", name="Clients").click()
    page.wait_for_url("**/clients/")
    assert Deliverable.objects.count() == 6
