"""Swagger UI and ReDoc render under the app's CSP (no inline script, nothing from elsewhere)."""

import pytest

pytestmark = pytest.mark.browser


def _watch(page):
    """Collects console errors and CSP violations the page reports."""
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


@pytest.mark.parametrize("width", [1280, 390])
def test_swagger_ui_renders_the_operations_under_the_csp(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    problems = _watch(page)
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock-summary-path", timeout=60_000)
    # Swagger UI renders the operations near the viewport only: scroll until each shows
    for path in ("/api/deliverables", "/api/shoots"):
        operation = page.locator(".opblock-summary-path", has_text=path)
        for _ in range(200):
            if operation.count():
                break
            page.mouse.wheel(0, 600)
            page.wait_for_timeout(50)
        assert operation.count(), f"{path} never rendered"
    assert not [p for p in problems if "Content Security Policy" in p], problems


def test_redoc_renders_and_its_search_finds_deliverables(page, live_server):
    problems = _watch(page)
    page.goto(f"{live_server.url}/api/redoc/")
    page.wait_for_selector("input[placeholder='Search...']", timeout=60_000)
    box = page.locator("input[placeholder='Search...']")
    box.fill("deliverables")
    # the search runs in a web worker (a blob: URL the CSP allows on this page only)
    results = page.locator("[data-role='search:results'] li")
    results.first.wait_for(timeout=15_000)
    assert results.count() >= 1
    assert "deliverables_list" in " ".join(results.all_inner_texts())
    # ReDoc always tries its vendor's logo from a CDN; the CSP blocks it and ReDoc hides it
    blocked = [p for p in problems if "Content Security Policy" in p and "logo-mini" not in p]
    assert not blocked, problems


def test_redoc_description_links_lead_somewhere(page, live_server):
    page.goto(f"{live_server.url}/api/redoc/")
    page.wait_for_selector(".api-info", timeout=60_000)
    hrefs = page.eval_on_selector_all(
        ".api-info a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
    )
    assert hrefs, "the description links the other API pages"
    for href in hrefs:
        response = page.request.get(f"{live_server.url}{href}")
        assert response.status == 200, href
