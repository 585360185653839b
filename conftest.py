"""Shared fixtures: one user per role, two clients A and B."""

import os
from pathlib import Path

import pytest

from clients.tests.factories import make_client
from localbzz.accounts.models import Role
from localbzz.accounts.tests.factories import make_user
from localbzz.accounts.tests.mfa_helpers import install as install_mfa_test_login
from localbzz.testing import PASSWORD

# client.force_login(admin) also passes the second factor (force_login(user, verified=False)
# does not): see localbzz/accounts/tests/mfa_helpers.py
install_mfa_test_login()

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
# .ci/run sets this for its second stage, the one that runs against PostgreSQL and Redis; the
# first stage (``make test``, embedded defaults) has no services by design.
SERVICES_REQUIRED = os.environ.get("LOCALBZZ_REQUIRE_SERVICES", "") == "1"


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def client_a(db):
    return make_client(name="Acme Bakery", client_portal_subdomain="acme")


@pytest.fixture
def client_b(db):
    return make_client(name="Bravo Barbers", client_portal_subdomain="bravo")


@pytest.fixture
def admin_user(db):
    return make_user(Role.ADMIN, email="admin@test.localbzz")


@pytest.fixture
def team_user(db):
    return make_user(Role.TEAM, email="team@test.localbzz")


@pytest.fixture
def client_a_user(client_a):
    return make_user(Role.CLIENT, client=client_a, email="owner@acme.test")


@pytest.fixture
def client_b_user(client_b):
    return make_user(Role.CLIENT, client=client_b, email="owner@bravo.test")


def require_or_skip(available: bool, what: str, *, service: bool = False):
    """Skips a test when ``what`` is missing, except where it must be there: it fails then.

    A browser must be there in CI; a service (PostgreSQL, Redis, a worker) in CI's services stage.
    """
    if available:
        return
    if SERVICES_REQUIRED if service else IN_CI:
        pytest.fail(f"{what} is required in CI but is not available")
    pytest.skip(f"{what} is not available")


# --- Browser (headless Chromium through Playwright) ----------------------------------------
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium (Debian's), shared by the tests of one worker."""
    require_or_skip(Path(CHROMIUM).exists(), "Chromium at /usr/bin/chromium")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between browser steps are still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page (no shared cookies between tests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    pg = context.new_page()
    yield pg
    context.close()


def screenshot(page, name: str) -> Path:
    """Saves a full-page screenshot under artifacts/ for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
