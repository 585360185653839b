"""``manage.py take_screenshots``: PNGs of the dashboard home, a board, the portal gallery and
the review page (with the demo's pictures) for the README, taken in headless Chromium.

Run by ``make screenshots`` against a throw-away SQLite database filled by ``seed_demo``; it
serves the app itself (``runserver`` on a free port) and writes ``docs/img/*.png``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clients.models import Client
from deliverables.models import Deliverable, DeliverableStatus, DeliverableType
from demo.data import CLIENT_PASSWORD, TEAM_EMAIL, TEAM_PASSWORD

CHROMIUM = "/usr/bin/chromium"
OUT = Path(settings.BASE_DIR) / "docs" / "img"
SIZE = {"width": 1360, "height": 860}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urlopen(url, timeout=2):  # noqa: S310 - our own local server
                return
        except OSError:
            time.sleep(0.3)
    raise CommandError(f"The server at {url} did not answer.")


def _review_target(acme: Client) -> Deliverable:
    """Acme's deliverable in review that shows best: a carousel or a photo with files."""
    found = (
        Deliverable.objects.filter(
            client=acme, status=DeliverableStatus.NEEDS_REVIEW, attachments__isnull=False
        )
        .distinct()
        .order_by("deliverable_type", "title")
    )
    rank = [DeliverableType.CAROUSEL, DeliverableType.PHOTO, DeliverableType.REEL]
    rows = sorted(
        found, key=lambda d: rank.index(d.deliverable_type) if d.deliverable_type in rank else 9
    )
    if not rows:
        raise CommandError("No deliverable of acme in Needs Review has files: run seed_demo first.")
    return rows[0]


class Command(BaseCommand):
    help = "Takes the README's screenshots (docs/img/) from the demo data in headless Chromium."

    def handle(self, *args, **options):
        from playwright.sync_api import sync_playwright

        acme = Client.objects.filter(client_portal_subdomain="acme").first()
        if acme is None:
            raise CommandError("No demo data: run seed_demo first.")
        review = _review_target(acme)
        owner = acme.users.order_by("email").first()
        port = _free_port()
        base, portal = f"http://localhost:{port}", f"http://acme.localhost:{port}"
        server = subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=settings.BASE_DIR,
            env={**os.environ, "DJANGO_LOG_LEVEL": "WARNING"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        OUT.mkdir(parents=True, exist_ok=True)
        try:
            _wait(f"{base}/accounts/login/")
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                staff = browser.new_page(viewport=SIZE)
                staff.goto(f"{base}/accounts/login/")
                staff.get_by_label("Email").fill(TEAM_EMAIL)
                staff.get_by_label("Password").fill(TEAM_PASSWORD)
                staff.get_by_role("button", name="Sign in").click()
                staff.wait_for_url(f"{base}/")
                self._shoot(staff, "dashboard-home")
                staff.goto(f"{base}/deliverables/board/?client_id={acme.pk}")
                self._shoot(staff, "board")
                client = browser.new_page(viewport=SIZE)
                client.goto(f"{portal}/sign-in/")
                client.fill("input[name=username]", owner.email)
                client.fill("input[name=password]", CLIENT_PASSWORD)
                client.click("button[type=submit]")
                client.wait_for_url(f"{portal}/")
                client.goto(f"{portal}/deliverables/")
                self._shoot(client, "portal-gallery")
                client.goto(f"{portal}/deliverables/{review.pk}/")
                self._shoot(client, "portal-review")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)

    def _shoot(self, page, name: str) -> None:
        page.wait_for_load_state("networkidle")
        page.wait_for_function(  # every picture on the screen has loaded
            "[...document.images].filter((i) => i.getBoundingClientRect().top < innerHeight)"
            ".every((i) => i.complete && i.naturalWidth > 0)"
        )
        path = OUT / f"{name}.png"
        page.screenshot(path=str(path))
        self.stdout.write(
            f"{path.relative_to(settings.BASE_DIR)} ({path.stat().st_size // 1024} KB)"
        )
