"""The phone menu (390 px): it opens, and its button, Escape and a tap outside close it."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import run_axe

pytestmark = pytest.mark.browser


def _sign_in(page, live_server, email, password):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def _on_top(page, selector):
    """True when the element's centre is not covered by anything else."""
    return page.eval_on_selector(
        selector,
        """el => { const r = el.getBoundingClientRect();
                   const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                   return el === hit || el.contains(hit); }""",
    )


def test_phone_menu_opens_and_closes_every_way(page, live_server, team_user, password):
    page.set_viewport_size({"width": 390, "height": 844})
    _sign_in(page, live_server, team_user.email, password)
    menu = page.locator("#sidebar")
    button = page.locator(".nav-toggle-btn")
    expect(menu).to_be_hidden()
    assert page.locator("#global-q").bounding_box()["width"] >= 120, "room to type a search"

    button.click()
    expect(menu).to_be_visible()
    assert menu.get_by_role("link", name="Shoots").first.is_visible()
    assert menu.get_by_role("link", name="Preferences").is_visible()  # not in the top bar here
    assert _on_top(page, ".nav-toggle-btn"), "the open menu covers its own button"
    assert run_axe(page) == [], "the open menu passes axe (no serious or critical violation)"
    button.click()
    expect(menu).to_be_hidden()

    button.click()
    expect(menu).to_be_visible()
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()

    button.click()
    expect(menu).to_be_visible()
    page.mouse.click(370, 600)  # the dimmed page beside the menu
    expect(menu).to_be_hidden()

    # a tap on the bell is a tap outside: the menu closes and the bell's list shows
    button.click()
    expect(menu).to_be_visible()
    page.locator(".bell summary").click()
    expect(menu).to_be_hidden()
    expect(page.locator(".bell-menu")).to_be_visible()
    assert _on_top(page, ".bell-menu")
    # with both open, the bell's list lies above the menu (they overlap at 390 px)
    button.click()
    expect(menu).to_be_visible()
    expect(page.locator(".bell-menu")).to_be_visible()
    bell = page.locator(".bell-menu").bounding_box()
    side = menu.bounding_box()
    assert bell["x"] < side["x"] + side["width"]
    assert bell["y"] + bell["height"] > side["y"]
    assert _on_top(page, ".bell-menu")


def test_phone_menu_works_from_the_keyboard(page, live_server, team_user, password):
    page.set_viewport_size({"width": 390, "height": 844})
    _sign_in(page, live_server, team_user.email, password)
    page.locator("#nav-toggle").focus()
    page.keyboard.press("Space")
    expect(page.locator("#sidebar")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#sidebar")).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "nav-toggle"


def test_desktop_shows_the_sidebar_without_a_menu_button(page, live_server, team_user, password):
    _sign_in(page, live_server, team_user.email, password)
    expect(page.locator("#sidebar")).to_be_visible()
    expect(page.locator(".nav-toggle-btn")).to_be_hidden()
    # the sidebar's dark column reaches the bottom of a page longer than the screen
    page.set_viewport_size({"width": 1280, "height": 400})
    colour = page.evaluate(
        """() => { window.scrollTo(0, document.body.scrollHeight);
                   return getComputedStyle(document.body).backgroundImage; }"""
    )
    assert "17, 24, 39" in colour  # #111827
