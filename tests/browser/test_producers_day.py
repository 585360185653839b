"""The producer's day (issue 12, part B) in headless Chromium, at desktop and phone width:
pictures (1), a client's feedback reaching the producer (2), plan bars and the chart (8),
form friction (9), the audit log (10) and confirmations (11). No JS error on any page."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from conftest import screenshot
from deliverables.models import Deliverable
from deliverables.tests.factories import make_deliverable
from files.tests.factories import make_attachment
from files.thumbnails import generate_thumbnail
from localbzz.accounts.models import User
from localbzz.events.tests.conftest import eager_celery  # noqa: F401 - the fixture
from shoots.models import Shoot
from shoots.tests.factories import make_shoot
from tasks.models import Task
from team.tests.factories import make_team_member

pytestmark = pytest.mark.browser
PICTURES = Path(__file__).resolve().parents[2] / "demo" / "pictures"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(params=list(WIDTHS))
def pg(page, request):
    """The page at desktop and at phone width; it fails the test on any JavaScript error."""
    width, height = WIDTHS[request.param]
    page.set_viewport_size({"width": width, "height": height})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.width_name = request.param
    yield page
    assert errors == [], errors


def _sign_in(page, live_server, user, password):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def _session(page, live_server, user):
    """Signs ``user`` in by a session cookie (admins have a second factor on the form)."""
    from django.conf import settings
    from django.test import Client

    browserless = Client()
    browserless.force_login(user)
    cookie = browserless.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def _portal(page, live_server, user, password) -> str:
    acme = f"http://acme.localhost:{urlsplit(live_server.url).port}"
    page.goto(f"{acme}/sign-in/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{acme}/")
    return acme


def _photo(deliverable, name="cafe.jpg"):
    attachment = make_attachment(deliverable, name=name, data=(PICTURES / name).read_bytes())
    generate_thumbnail(attachment.pk)
    return attachment


def _loaded(page, selector: str) -> int:
    """The natural width of the image at ``selector`` once it has loaded (0: it failed)."""
    image = page.locator(selector).first
    image.scroll_into_view_if_needed()
    page.wait_for_function("el => el.complete", arg=image.element_handle())
    return image.evaluate("el => el.naturalWidth")


# --- 1. pictures ---------------------------------------------------------------------------
def test_pictures_on_the_board_the_staff_page_the_gallery_and_the_review_page(
    pg, live_server, team_user, client_a_user, password, client_a
):
    photo = make_deliverable(
        client_a, title="Croissant photo", deliverable_type="Photo", status="Needs Review"
    )
    _photo(photo, "cafe.jpg")
    _photo(photo, "bakery.jpg")  # version 2
    reel = make_deliverable(client_a, title="Oven reel", deliverable_type="Reel", status="To Do")
    make_attachment(reel, name="reel.webm", data=(PICTURES / "reel.webm").read_bytes())
    carousel = make_deliverable(
        client_a, title="Menu carousel", deliverable_type="Carousel", status="In Progress"
    )
    for name in ("cafe.jpg", "salon.jpg", "gym.jpg"):
        _photo(carousel, name)

    _sign_in(pg, live_server, team_user, password)
    pg.goto(f"{live_server.url}/deliverables/board/")
    assert _loaded(pg, f"#card-{photo.pk} .kcard-thumb img") == 480
    assert pg.locator(f"#card-{photo.pk}").get_by_text("v2").is_visible()
    assert pg.locator(f"#card-{reel.pk} .kcard-thumb-video").is_visible()
    screenshot(pg, f"producer-board-thumbnails-{pg.width_name}")

    pg.goto(f"{live_server.url}/deliverables/{photo.pk}/")
    assert _loaded(pg, ".preview img.preview-media") == 640  # the image itself
    assert pg.locator(".preview [data-version]").inner_text() == "Version 2"
    pg.goto(f"{live_server.url}/deliverables/{reel.pk}/")
    video = pg.locator(".preview video")
    pg.wait_for_function("el => el.readyState >= 1", arg=video.element_handle())
    assert video.evaluate("el => el.duration") > 1  # the two-second clip plays
    pg.goto(f"{live_server.url}/deliverables/{carousel.pk}/")
    assert pg.locator(".carousel .slide").count() == 3
    assert _loaded(pg, ".carousel .slide img") > 0
    screenshot(pg, f"producer-staff-carousel-{pg.width_name}")

    pg.context.clear_cookies()
    acme = _portal(pg, live_server, client_a_user, password)
    pg.goto(f"{acme}/deliverables/")
    assert _loaded(pg, f"#deliverable-{photo.pk} .tile-thumb img") == 480
    screenshot(pg, f"producer-portal-gallery-{pg.width_name}")
    pg.goto(f"{acme}/deliverables/{photo.pk}/")
    assert pg.get_by_role("heading", name="What you are reviewing Version 2").is_visible()
    assert _loaded(pg, ".preview img.preview-media") == 640
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= pg.viewport_size["width"] + 2, "the review page scrolls sideways"


# --- 2. the client's "request changes" reaches the producer ---------------------------------
def test_request_changes_reaches_the_board_the_staff_page_and_the_assignees_home(
    pg, live_server, team_user, client_a_user, password, client_a
):
    d = make_deliverable(
        client_a, title="Bakery reel", status="Needs Review", assignee=team_user.team_member
    )
    _photo(d)
    acme = _portal(pg, live_server, client_a_user, password)
    pg.goto(f"{acme}/deliverables/{d.pk}/")
    pg.get_by_label("Or ask for changes").fill("Music calmer, logo bigger")
    pg.get_by_role("button", name="Request changes").click()
    pg.wait_for_url(f"{acme}/deliverables/{d.pk}/")
    assert Deliverable.objects.get(pk=d.pk).status == "In Progress"

    pg.context.clear_cookies()
    _sign_in(pg, live_server, team_user, password)
    card = pg.locator("#card-my_changes")
    assert "Bakery reel" in card.inner_text()
    assert "Music calmer, logo bigger" in card.inner_text()
    screenshot(pg, f"producer-home-changes-{pg.width_name}")
    pg.goto(f"{live_server.url}/deliverables/board/")
    badge = pg.locator(f"#card-{d.pk} [data-changes-requested]")
    badge.scroll_into_view_if_needed()
    assert badge.is_visible()
    pg.goto(f"{live_server.url}/deliverables/{d.pk}/")
    assert pg.locator("[role=status][data-changes-requested]").is_visible()
    history = pg.locator("#reviews").inner_text()
    assert "Changes Requested" in history
    assert "Music calmer, logo bigger" in history
    assert "on version 1" in history
    assert client_a_user.get_full_name() in history


# --- 8. plan bars and the home chart --------------------------------------------------------
def test_plan_bars_show_over_plan_and_the_chart_has_axis_values(
    pg, live_server, team_user, password, client_a
):
    client_a.default_reels = 6
    client_a.default_photos = 6
    client_a.save()
    first = timezone.localdate().replace(day=1)
    for i in range(19):
        make_deliverable(client_a, deliverable_type="Reel", due_date=first, status="Delivered",
                         status_changed_at=timezone.now() - timedelta(days=i % 3))  # fmt: skip
    for _ in range(2):
        make_deliverable(client_a, deliverable_type="Photo", due_date=first)
    _sign_in(pg, live_server, team_user, password)
    ticks = pg.locator(".chart .chart-tick").all_text_contents()
    assert ticks[0] == "0"
    assert int(ticks[-1]) >= 19
    assert pg.locator(".chart-legend li").count() == 5
    pg.goto(f"{live_server.url}/clients/{client_a.pk}/")
    reels = pg.locator(".plan-meter", has_text="Reels")
    assert reels.get_attribute("data-plan-state") == "over"
    assert "+13 over" in reels.inner_text()
    fill = reels.locator(".plan-fill").bounding_box()["width"]
    over = reels.locator(".plan-over").bounding_box()["width"]
    assert over > fill  # 13 beyond the plan is drawn longer than the 6 within it
    photos = pg.locator(".plan-meter", has_text="Photos")
    assert photos.get_attribute("data-plan-state") == "under"
    assert "4 to go" in photos.inner_text()
    screenshot(pg, f"producer-plan-bars-{pg.width_name}")


# --- 9. form friction ----------------------------------------------------------------------
def test_task_form_searchable_assignees_and_dependent_selects(
    pg, live_server, team_user, password, client_a, client_b
):
    ana = make_team_member(name="Ana Lopez")
    make_team_member(name="Ben Okafor")
    shoot = make_shoot(client_a, title="Spring menu shoot")
    make_shoot(client_b, title="Other client's shoot")
    d = make_deliverable(client_a, title="Spring reel")
    _sign_in(pg, live_server, team_user, password)
    pg.goto(f"{live_server.url}/tasks/new/")
    pg.locator("#id_name").fill("Cut the spring reel")
    find = pg.get_by_label("Find Assignees")
    find.fill("ana l")
    assert pg.locator(".ms-list li:not([hidden])").count() == 1
    find.press("Enter")  # ticks the only match
    assert "Ana Lopez" in pg.locator(".ms-summary").inner_text()
    pg.get_by_label("Client", exact=True).select_option(str(client_a.pk))
    shoot_select = pg.get_by_label("Shoot", exact=True)
    pg.wait_for_function(
        "el => el.options.length > 1 && !el.hasAttribute('aria-busy')",
        arg=shoot_select.element_handle(),
    )
    options = shoot_select.locator("option").all_inner_texts()
    assert any("Spring menu shoot" in o for o in options)
    assert not any("Other client" in o for o in options)
    shoot_select.select_option(str(shoot.pk))
    pg.wait_for_function(
        "el => el.options.length > 1",
        arg=pg.get_by_label("Deliverable", exact=True).element_handle(),
    )
    pg.get_by_label("Deliverable", exact=True).select_option(str(d.pk))
    screenshot(pg, f"producer-task-form-{pg.width_name}")
    pg.get_by_role("button", name="Save").click()
    pg.wait_for_url("**/tasks/*/")
    task = Task.objects.get(name="Cut the spring reel")
    assert ana in task.assignees.all()
    assert (task.shoot_id, task.deliverable_id) == (shoot.pk, d.pk)


def test_shoot_form_adds_crew_rows_without_saving(pg, live_server, team_user, password, client_a):
    crew = [make_team_member(name=f"Crew {n}") for n in range(3)]
    shoot = make_shoot(client_a, shoot_start=timezone.now() + timedelta(days=10))
    _sign_in(pg, live_server, team_user, password)
    pg.goto(f"{live_server.url}/shoots/{shoot.pk}/edit/")
    assert pg.locator(".crew-row").count() == 2
    pg.get_by_role("button", name="+ Add a crew member").click()
    assert pg.locator(".crew-row").count() == 3
    for i, member in enumerate(crew):
        pg.locator(f"#id_crew-{i}-team_member").select_option(str(member.pk))
    pg.get_by_role("button", name="Save shoot").click()
    pg.wait_for_url(f"**/shoots/{shoot.pk}/")
    assert Shoot.objects.get(pk=shoot.pk).assignments.count() == 3


def test_times_follow_the_users_time_zone(pg, live_server, team_user, password, client_a):
    start = (timezone.now() + timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0)
    shoot = make_shoot(client_a, shoot_start=start)
    _sign_in(pg, live_server, team_user, password)
    pg.goto(f"{live_server.url}/accounts/preferences/")
    pg.get_by_label("Time zone", exact=True).select_option("Asia/Tokyo")
    pg.get_by_role("button", name="Save").click()
    assert pg.locator("[data-current-zone]").inner_text() == "Asia/Tokyo"
    assert User.objects.get(pk=team_user.pk).time_zone == "Asia/Tokyo"
    pg.goto(f"{live_server.url}/shoots/{shoot.pk}/")
    assert "18:00" in pg.locator("main").inner_text()  # 09:00 UTC in Tokyo


# --- 10. the audit log -------------------------------------------------------------------------
def test_audit_log_reads_one_row_per_action_with_a_link(
    pg, live_server, admin_user, password, client_a
):
    from deliverables.services import deliverable_set_status

    d = make_deliverable(client_a, title="Audit me reel")
    deliverable_set_status(deliverable=d, status="In Progress", actor=admin_user)
    _session(pg, live_server, admin_user)
    pg.goto(f"{live_server.url}/audit/?object_id={d.pk}")
    rows = pg.locator("tbody tr")
    assert rows.count() == 1
    row = rows.first
    assert "Status changed" in row.inner_text()
    assert "To Do" in row.locator(".audit-before").inner_text()
    assert "In Progress" in row.locator(".audit-after").inner_text()
    screenshot(pg, f"producer-audit-{pg.width_name}")
    row.get_by_role("link", name=f"Audit me reel ({client_a.name})", exact=True).click()
    pg.wait_for_url(f"**/deliverables/{d.pk}/")


# --- 11. confirmations -----------------------------------------------------------------------
def test_moving_delivered_work_back_asks_and_cancel_keeps_it(
    pg, live_server, team_user, password, client_a
):
    d = make_deliverable(client_a, title="Delivered reel", status="Delivered")
    _sign_in(pg, live_server, team_user, password)
    pg.goto(f"{live_server.url}/deliverables/board/")
    card = pg.locator(f"#card-{d.pk}")
    card.scroll_into_view_if_needed()
    card.get_by_label("Move “Delivered reel” to").select_option("To Do")
    card.get_by_role("button", name="Move").click()
    dialog = pg.locator("dialog.confirm-move")
    dialog.wait_for()
    assert "was delivered" in dialog.inner_text()
    dialog.get_by_role("button", name="Cancel").click()
    assert Deliverable.objects.get(pk=d.pk).status == "Delivered"
    assert card.get_by_label("Move “Delivered reel” to").input_value() == "Delivered"
    card.get_by_label("Move “Delivered reel” to").select_option("To Do")
    card.get_by_role("button", name="Move").click()
    pg.get_by_role("button", name="Move it to To Do").click()
    pg.locator(f"#col-to-do #card-{d.pk}").wait_for()
    assert Deliverable.objects.get(pk=d.pk).status == "To Do"


def test_marking_a_future_shoot_completed_asks_first(
    pg, live_server, team_user, password, client_a
):
    shoot = make_shoot(client_a, shoot_start=timezone.now() + timedelta(days=5))
    _sign_in(pg, live_server, team_user, password)
    pg.goto(f"{live_server.url}/shoots/{shoot.pk}/")
    pg.locator(".status-buttons").get_by_role("button", name="Completed").click()
    assert pg.get_by_role("heading", name="Mark a future shoot Completed?").is_visible()
    assert Shoot.objects.get(pk=shoot.pk).status != "Completed"
    pg.get_by_role("button", name="Yes, mark it Completed").click()
    pg.wait_for_url(f"**/shoots/{shoot.pk}/")
    assert Shoot.objects.get(pk=shoot.pk).status == "Completed"


def test_demo_pictures_stay_small():
    sizes = {p.name: p.stat().st_size for p in PICTURES.iterdir() if p.suffix != ".py"}
    assert set(sizes) == {"cafe.jpg", "bakery.jpg", "salon.jpg", "gym.jpg", "reel.webm"}
    assert max(sizes.values()) < 20_000


DROP = """([b64, name, type]) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, { type }));
  return transfer;
}"""


@pytest.mark.usefixtures("eager_celery")
def test_the_preview_follows_a_new_upload(pg, live_server, team_user, password, client_a):
    import base64

    d = make_deliverable(client_a, title="Fresh photo", deliverable_type="Photo")
    _sign_in(pg, live_server, team_user, password)
    pg.goto(f"{live_server.url}/deliverables/{d.pk}/")
    assert pg.locator("[data-no-preview]").is_visible()
    data = base64.b64encode((PICTURES / "gym.jpg").read_bytes()).decode()
    transfer = pg.evaluate_handle(DROP, [data, "gym.jpg", "image/jpeg"])
    zone = pg.locator(".dropzone")
    zone.dispatch_event("dragover", {"dataTransfer": transfer})
    zone.dispatch_event("drop", {"dataTransfer": transfer})
    pg.locator(".preview img.preview-media").wait_for(timeout=30_000)  # live, no reload
    assert pg.locator(".preview [data-version]").inner_text() == "Version 1"
