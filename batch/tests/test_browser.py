"""Browser: a client page's plan preview, then Apply; a list's Import page, then Confirm."""

from __future__ import annotations

import pytest

from clients.models import ClientStatus, ShootFrequency
from clients.tests.factories import make_client
from conftest import screenshot
from deliverables.models import Deliverable
from shoots.models import Shoot

pytestmark = pytest.mark.browser


def _sign_in(page, live_server, user, password, path):
    page.goto(f"{live_server.url}{path}")
    page.wait_for_url("**/accounts/login/**")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}{path}")


def test_plan_preview_then_apply_on_the_client_page(page, live_server, team_user, password):
    acme = make_client(
        name="Plan Co",
        client_portal_subdomain="planco",
        status=ClientStatus.ACTIVE,
        shoot_frequency=ShootFrequency.MONTHLY,
        default_reels=2,
        default_photos=1,
        default_carousels=0,
    )
    _sign_in(page, live_server, team_user, password, f"/clients/{acme.pk}/")
    plan = page.locator("#cadence-plan")
    assert "Reel" in plan.inner_text()
    screenshot(page, "batch-plan-preview")
    plan.get_by_role("button", name="Apply plan").click()
    page.wait_for_selector("text=1 shoot(s) and 3 deliverable(s) created")
    assert (Shoot.objects.filter(client=acme).count(), Deliverable.objects.count()) == (1, 3)
    plan = page.locator("#cadence-plan")
    assert "Apply plan" in plan.inner_text()
    page.locator("#cadence-plan").get_by_role("button", name="Apply plan").click()
    page.wait_for_selector("text=0 shoot(s) and 0 deliverable(s) created")
    assert Deliverable.objects.count() == 3


def _signed_in_as(page, live_server, user, path):
    """A session made by the test client's force_login (an admin's second factor passed, as
    conftest's MFA helper arranges), handed to the browser as its cookie."""
    from django.conf import settings
    from django.test import Client

    browser = Client()
    browser.force_login(user)
    cookie = browser.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}{path}")


def test_import_page_check_then_confirm(page, live_server, admin_user, tmp_path):
    _signed_in_as(page, live_server, admin_user, "/clients/")
    page.get_by_role("link", name="Import…").click()
    bad = tmp_path / "bad.csv"
    bad.write_text("name,client_portal_subdomain,status\nA,a,Nope\n")
    page.set_input_files("input[name=file]", str(bad))
    page.get_by_role("button", name="Check file").click()
    page.wait_for_selector("#import-errors")
    assert "Nope" in page.locator("#import-errors").inner_text()
    screenshot(page, "batch-import-errors")
    page.get_by_role("link", name="Back to the list").click()
    page.get_by_role("link", name="Import…").click()
    good = tmp_path / "good.csv"
    good.write_text("name,client_portal_subdomain,status\nBrowser Co,browserco,Active\n")
    page.set_input_files("input[name=file]", str(good))
    page.get_by_role("button", name="Check file").click()
    page.get_by_role("button", name="Confirm import").click()
    page.wait_for_selector("text=1 created")
    from clients.models import Client

    assert Client.objects.filter(client_portal_subdomain="browserco").exists()


def test_a_large_file_is_checked_and_imported_by_jobs(
    page, live_server, admin_user, tmp_path, settings, embedded_celery
):
    settings.BATCH_INLINE_ROWS = 3
    _signed_in_as(page, live_server, admin_user, "/batch/clients/import/")
    big = tmp_path / "big.csv"
    rows = [f"Job Co {n},jobco{n},Active" for n in range(6)]
    big.write_text("name,client_portal_subdomain,status\n" + "\n".join(rows) + "\n")
    page.set_input_files("input[name=file]", str(big))
    page.get_by_role("button", name="Check file").click()
    page.wait_for_url("**/batch/clients/import/?job=*")
    assert "6 rows: 6 to create" in page.content()
    page.get_by_role("button", name="Confirm import").click()
    page.wait_for_selector("text=6 created")
    from clients.models import Client

    assert Client.objects.filter(client_portal_subdomain__startswith="jobco").count() == 6
