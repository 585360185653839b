"""No page loads anything from another host (DESIGN §11), the API docs included.

Crawls, per role, every HTML page reachable from the entry pages by same-host links (the
dashboard, Django admin, the client portal, the API docs, the sign-in pages) and fails when a
page, or a stylesheet of this host that it links, would load something from elsewhere: a
``src=`` on any element, an ``href=`` on ``<link>`` (stylesheets, icons, preconnects), an
``@import`` or a ``url(...)``. Plain ``<a href>`` links to other sites (a shoot's Drive
folder) are navigation, not loading, and are allowed.
"""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone

from deliverables.tests.factories import make_deliverable
from forms.tests.factories import make_form_submission
from localbzz.testing import fresh_ip
from portal.tests.factories import make_portal_request
from shoots.tests.factories import make_shoot
from tasks.tests.factories import make_task

LOCAL_HOSTS = {"", "testserver", "localhost", "acme.localhost"}
CSS_EXTERNAL = re.compile(r"""(?:@import\s+(?:url\()?|url\()\s*["']?\s*((?:https?:)?//[^"')\s]+)""")
#: links a crawler must not follow (they change state on GET, or are not pages)
SKIP = re.compile(r"/(logout|sign-out)/|^/static/|^/media/|/delete/|/admin/logout|/jsi18n/")
MAX_PAGES = 250


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.loads: list[str] = []  # what the browser fetches to show the page
        self.links: list[str] = []  # where a person can go from here
        self.styles: list[str] = []  # inline CSS

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("src"):
            self.loads.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.loads.append(attrs["href"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("style"):
            self.styles.append(attrs["style"])

    def handle_data(self, data):
        if self.lasttag == "style":
            self.styles.append(data)


def _external(url: str) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme in {"data", "blob", "mailto", "tel", "javascript"}:
        return False
    return (parts.netloc or "").split(":")[0] not in LOCAL_HOSTS


def _stylesheet_problems(url: str) -> list[str]:
    path = urlsplit(url).path
    if not path.startswith("/static/") or not path.endswith(".css"):
        return []
    found = finders.find(path.removeprefix("/static/"))
    if not found:
        return []
    with open(found, encoding="utf-8", errors="replace") as css:
        return [f"{path}: {m}" for m in CSS_EXTERNAL.findall(css.read()) if _external(m)]


def crawl(browser: Client, starts: list[str]) -> tuple[list[str], list[str]]:
    """(pages visited, problems found)."""
    seen, queue, problems = set(), list(starts), []
    while queue and len(seen) < MAX_PAGES:
        url = urldefrag(queue.pop(0))[0]
        path = urlsplit(url).path
        if url in seen or SKIP.search(path) or _external(url):
            continue
        seen.add(url)
        response = browser.get(url)
        assert response.status_code < 500, (url, response.status_code)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        refs = _Refs()
        refs.feed(response.content.decode("utf-8", errors="replace"))
        problems += [f"{url} loads {u}" for u in refs.loads if _external(u)]
        for css in refs.styles:
            problems += [
                f"{url} style loads {u}" for u in CSS_EXTERNAL.findall(css) if _external(u)
            ]
        for loaded in refs.loads:
            problems += _stylesheet_problems(loaded)
        for link in refs.links:
            link = urldefrag(link)[0]
            if link.startswith("/") and not _external(link) and link not in seen:
                queue.append(link.split("?")[0] if "page=" in link else link)
    return sorted(seen), problems


@pytest.fixture
def world(client_a, team_user):
    shoot = make_shoot(
        client_a,
        crew=[(team_user.team_member, "Editor")],
        drive_folder_link="https://drive.google.com/drive/folders/abc",
        shoot_start=timezone.now() + timedelta(days=1),
    )
    make_deliverable(client_a, shoot, status="Needs Review")
    make_task(client=client_a, shoot=shoot)
    make_form_submission()
    make_portal_request(client_a)
    return client_a


ROLES = {
    "anonymous": ["/accounts/login/", "/portal/acme/sign-in/", "/api/docs/", "/api/redoc/"],
    "team": ["/", "/api/docs/", "/api/redoc/", "/portal/acme/"],
    "admin": ["/", "/admin/", "/events/", "/audit/"],
    "client": ["/portal/acme/"],
}


@pytest.mark.parametrize("role", sorted(ROLES))
def test_no_page_loads_anything_from_another_host(
    role, world, admin_user, team_user, client_a_user
):
    browser = Client(REMOTE_ADDR=fresh_ip())
    user = {"admin": admin_user, "team": team_user, "client": client_a_user}.get(role)
    if user is not None:
        browser.force_login(user)
    pages, problems = crawl(browser, ROLES[role])
    assert len(pages) >= len(ROLES[role])
    assert problems == []


def test_the_checker_sees_what_the_sidecar_redoc_template_loads():
    refs = _Refs()
    refs.feed(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">'
        '<script src="/static/x.js"></script><a href="https://drive.google.com/x">Drive</a>'
        "<style>@import url('//cdn.example/x.css'); .a { background: url(/static/a.png) }</style>"
    )
    assert [u for u in refs.loads if _external(u)] == [
        "https://fonts.googleapis.com/css2?family=Roboto"
    ]
    assert [u for css in refs.styles for u in CSS_EXTERNAL.findall(css) if _external(u)] == [
        "//cdn.example/x.css"
    ]
