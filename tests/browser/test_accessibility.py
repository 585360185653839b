"""axe-core on every dashboard and portal page, at desktop and phone width (390 px).

Pages are found by following same-site links from the entry pages (as a person would), one
page per URL pattern; each is opened in headless Chromium under the app's own CSP and axe-core
(tests/browser/assets/axe-core, from the npm registry) runs in it. A serious or critical
violation fails the test, listed with its rule, page and elements.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone

from deliverables.tests.factories import make_deliverable
from forms.tests.factories import make_form_submission
from localbzz.testing import fresh_ip
from portal.tests.factories import make_portal_request
from shoots.tests.factories import make_shoot
from tasks.tests.factories import make_task
from tests.test_no_external_hosts import _Refs

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "assets" / "axe-core" / "axe.min.js"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
#: links a crawl must not follow: state changes on GET, files, other surfaces (Django admin
#: has its own markup; the API docs are the vendors' pages)
SKIP = re.compile(
    r"/(logout|sign-out)/|^/static/|^/media/|/delete/|^/admin/|^/api/|/jsi18n/|/export|/download"
)
WIDTHS = (1280, 390)
MAX_PAGES = 80


def test_the_shipped_axe_core_is_the_registry_file():
    assert hashlib.sha256(AXE.read_bytes()).hexdigest() == AXE_SHA256


@pytest.fixture
def world(client_a, team_user):
    shoot = make_shoot(
        client_a,
        title="Brunch shoot",
        crew=[(team_user.team_member, "Editor")],
        shoot_start=timezone.now() + timedelta(days=1),
    )
    make_deliverable(client_a, shoot, title="Brunch reel", status="Needs Review")
    make_deliverable(client_a, shoot, title="Menu carousel", status="Delivered")
    make_task(name="Cut the teaser", client=client_a, shoot=shoot)
    make_form_submission()
    make_portal_request(client_a, content="New logo please")
    return client_a


def pages_of(user, starts: list[str]) -> list[str]:
    """One URL per URL pattern reachable from ``starts`` by same-site links, for ``user``."""
    browser = Client(REMOTE_ADDR=fresh_ip())
    browser.force_login(user)
    seen_urls, routes, found, queue = set(), set(), [], list(starts)
    while queue and len(found) < MAX_PAGES:
        url = urldefrag(queue.pop(0))[0]
        path = urlsplit(url).path
        if url in seen_urls or SKIP.search(path) or not url.startswith("/"):
            continue
        seen_urls.add(url)
        try:
            match = resolve(path)
        except Resolver404:
            continue
        key = (match.route, "?" in url and url.split("?", 1)[1].split("=")[0])
        if key in routes:
            continue
        response = browser.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        routes.add(key)
        found.append(url)
        refs = _Refs()
        refs.feed(response.content.decode("utf-8", errors="replace"))
        queue += [link for link in refs.links if link.startswith("/")]
    return found


def _sign_in(context, live_server, user):
    """The browser context gets a session of ``user`` (as if it had signed in)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def run_axe(page) -> list[dict]:
    """axe-core's serious and critical violations on the loaded page.

    Evaluated through the DevTools protocol: the CSP (script-src 'self') would block the
    same code added as a <script> element.
    """
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ["violations"]});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 4).map(n => n.target.join(" ") + " :: "
                    + (n.failureSummary || "").split("\\n").slice(0, 2).join(" ")),
            }));
        }"""
    )
    return [v for v in result if v["impact"] in {"serious", "critical"}]


def _audit(browser, live_server, user, urls) -> list[str]:
    """Each violation once, with the pages and widths it was seen on."""
    seen: dict[tuple, list[str]] = {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.set_default_timeout(15_000)
        _sign_in(context, live_server, user)
        page = context.new_page()
        for url in urls:
            page.goto(f"{live_server.url}{url}", wait_until="load")
            for v in run_axe(page):
                key = (v["id"], v["impact"], v["help"], tuple(v["nodes"]))
                seen.setdefault(key, []).append(f"{url} @{width}px")
        context.close()
    problems = []
    for (rule, impact, text, nodes), where in seen.items():
        problems.append(f"{rule} ({impact}): {text} on {len(where)} page(s): {where[:4]}")
        problems += [f"    {n}" for n in nodes]
    return problems


def test_dashboard_pages_have_no_serious_accessibility_violation(
    browser, live_server, world, admin_user
):
    urls = pages_of(admin_user, ["/", "/search/?q=brunch", "/events/", "/audit/"])
    assert len(urls) >= 20, urls
    problems = _audit(browser, live_server, admin_user, urls)
    assert not problems, "\n" + "\n".join(problems) + "\npages: " + json.dumps(urls)


def test_portal_pages_have_no_serious_accessibility_violation(
    browser, live_server, world, client_a_user
):
    urls = pages_of(client_a_user, ["/portal/acme/"])
    assert len(urls) >= 5, urls
    problems = _audit(browser, live_server, client_a_user, urls)
    assert not problems, "\n" + "\n".join(problems) + "\npages: " + json.dumps(urls)
