"""The client portal in headless Chromium on acme.localhost / bravo.localhost (live server)."""

from urllib.parse import urlsplit

import pytest

from conftest import screenshot
from deliverables.models import DeliverableReview, DeliverableStatus
from deliverables.tests.factories import make_deliverable
from portal.models import ClientPortalRequest
from portal.tests.factories import make_portal_request
from shoots.models import ShootAssignment
from shoots.tests.factories import make_shoot
from team.tests.factories import make_team_member

pytestmark = pytest.mark.browser


def _origin(live_server, subdomain: str) -> str:
    port = urlsplit(live_server.url).port
    return f"http://{subdomain}.localhost:{port}"


@pytest.fixture
def acme_content(client_a):
    crew = make_team_member(name="Maya Lens")
    shoot = make_shoot(client_a, title="Spring menu shoot", location="Acme Bakery, Main St 1")
    ShootAssignment.objects.create(shoot=shoot, team_member=crew)
    approve = make_deliverable(
        client_a,
        shoot=shoot,
        title="Croissant reel",
        status=DeliverableStatus.NEEDS_REVIEW,
        caption="Butter, layers, love.",
        posting_instructions="Post Friday 8am with #acmebakery",
        file_link="https://drive.example.com/file/croissant",
    )
    rework = make_deliverable(
        client_a,
        title="Sourdough carousel",
        deliverable_type="Carousel",
        status=DeliverableStatus.NEEDS_REVIEW,
        caption="From starter to loaf.",
    )
    make_deliverable(client_a, title="Team photo", deliverable_type="Photo", status="Delivered")
    make_portal_request(client_a, content="Can we feature the new cake?", status="Working")
    return approve, rework


def _sign_in(page, origin, email, password):
    page.goto(f"{origin}/")
    page.wait_for_url(f"{origin}/sign-in/**")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def test_client_reviews_content_and_creates_request_in_browser(
    page, live_server, client_a_user, client_b, password, acme_content
):
    approve, rework = acme_content
    acme = _origin(live_server, "acme")
    _sign_in(page, acme, client_a_user.email, password)
    page.wait_for_url(f"{acme}/")
    assert page.locator("h2", has_text="Waiting for your review").is_visible()
    assert page.get_by_text("Maya Lens").first.is_visible()
    screenshot(page, "portal-home-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "portal-home-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{acme}/deliverables/")
    screenshot(page, "portal-deliverables-desktop")
    page.click(f"#deliverable-{approve.pk} .tile-title a")
    page.wait_for_url(f"{acme}/deliverables/{approve.pk}/")
    screenshot(page, "portal-deliverable-review-desktop")
    page.click("button[name=approve]")
    page.wait_for_url(f"{acme}/deliverables/{approve.pk}/")
    assert page.locator(".alert-success").is_visible()
    approve.refresh_from_db()
    assert approve.status == DeliverableStatus.READY_TO_POST

    page.goto(f"{acme}/deliverables/{rework.pk}/")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "portal-deliverable-review-phone")
    page.fill("textarea[name=comment]", "Slower zoom on the crumb, please")
    page.click("button[name=request_changes]")
    page.wait_for_url(f"{acme}/deliverables/{rework.pk}/")
    rework.refresh_from_db()
    assert rework.status == DeliverableStatus.IN_PROGRESS
    review = DeliverableReview.objects.get(deliverable=rework)
    assert review.comment == "Slower zoom on the crumb, please"
    assert review.reviewed_by == client_a_user
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{acme}/requests/")
    page.check("input[name=request_type][value=Insight]")
    page.select_option("select[name=topic]", "Business Update")
    page.select_option("select[name=priority]", "Urgent")
    page.fill("textarea[name=content]", "We are closed on 1 May")
    page.click("#new button[type=submit]")
    created = ClientPortalRequest.objects.get(content="We are closed on 1 May")
    page.wait_for_url(f"{acme}/requests/{created.pk}/")
    assert (created.request_type, created.topic, created.priority) == (
        "Insight",
        "Business Update",
        "Urgent",
    )
    page.fill("textarea[name=body]", "Also 2 May.")
    page.click("form button[type=submit]:has-text('Send reply')")
    page.wait_for_url(f"{acme}/requests/{created.pk}/")
    assert page.get_by_text("Also 2 May.").is_visible()
    screenshot(page, "portal-request-thread-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{acme}/requests/")
    screenshot(page, "portal-requests-phone")
    page.goto(f"{acme}/account/")
    screenshot(page, "portal-account-phone")

    # The same browser on B's portal: not signed in there, asked to sign in.
    bravo = _origin(live_server, "bravo")
    page.goto(f"{bravo}/")
    page.wait_for_url(f"{bravo}/sign-in/**")
    assert page.locator("h1", has_text="Sign in to Bravo Barbers").is_visible()
    assert "Acme" not in page.content()
    screenshot(page, "portal-bravo-sign-in-phone")


def test_client_a_user_cannot_sign_in_on_b_portal_in_browser(
    page, live_server, client_a_user, client_b, password
):
    bravo = _origin(live_server, "bravo")
    _sign_in(page, bravo, client_a_user.email, password)
    assert page.locator(".alert-error").is_visible()
    assert page.url.startswith(f"{bravo}/sign-in/")
    page.goto(f"{bravo}/deliverables/")
    page.wait_for_url(f"{bravo}/sign-in/**")


def test_unknown_subdomain_shows_friendly_page_in_browser(page, live_server, db):
    response = page.goto(f"{_origin(live_server, 'nobody')}/")
    assert response.status == 404
    assert page.locator("h1", has_text="couldn’t find this portal").is_visible()
    screenshot(page, "portal-unknown-desktop")


def test_staff_views_portal_read_only_in_browser(
    page, live_server, team_user, password, acme_content
):
    acme = _origin(live_server, "acme")
    approve, _ = acme_content
    _sign_in(page, acme, team_user.email, password)
    page.wait_for_url(f"{acme}/")
    assert page.locator(".staff-banner", has_text="read only").is_visible()
    page.goto(f"{acme}/deliverables/{approve.pk}/")
    assert page.locator("button[name=approve]").count() == 0
    screenshot(page, "portal-staff-view-desktop")
