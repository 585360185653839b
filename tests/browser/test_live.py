"""Two browsers, one change: the other page updates in place over /ws/live/ (no reload).

The server is uvicorn (HTTP + websockets) running the project's ASGI application in a thread
of this test process, so it shares the test database (SQLite shared-cache in ``make test``,
PostgreSQL in CI) and the channel layer (in-memory, or channels-redis with REDIS_URL).
"""

import socket
import threading
import time
from datetime import timedelta

import pytest
import uvicorn
from channels.routing import ProtocolTypeRouter
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.test import Client as DjangoClient
from django.utils import timezone

from conftest import screenshot
from localbzz.asgi import application, django_asgi_app
from shoots.tests.factories import make_shoot
from tests.services.conftest import events_jobs  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser


@pytest.fixture
def asgi_server(transactional_db):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = ProtocolTypeRouter(
        {
            "http": ASGIStaticFilesHandler(django_asgi_app),
            "websocket": application.application_mapping["websocket"],
        }
    )
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", lifespan="off", ws="websockets"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 10
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def _signed_in_page(browser, base_url, user):
    django_client = DjangoClient()
    django_client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": django_client.cookies["sessionid"].value,
                "url": base_url,
            }
        ]
    )
    return context, context.new_page()


def test_change_in_one_page_appears_in_the_other_without_reload(
    browser, asgi_server, admin_user, team_user, client_a
):
    shoot = make_shoot(client=client_a, shoot_start=timezone.now() + timedelta(hours=1))
    day = timezone.localtime(shoot.shoot_start).date().isoformat()
    watcher_ctx, watcher = _signed_in_page(browser, asgi_server, admin_user)
    actor_ctx, actor = _signed_in_page(browser, asgi_server, team_user)
    try:
        watcher.goto(f"{asgi_server}/shoots/calendar/?view=month&date={day}")
        watcher.wait_for_selector("body[data-live-state='open']")
        assert watcher.locator(".calendar a.ev.status-scheduled").count() == 1
        watcher.evaluate("window.__notReloaded = true")
        seen = watcher.evaluate_handle(
            "() => { window.__live = []; document.addEventListener('live:event', "
            "e => window.__live.push(e.detail.type)); return true; }"
        )
        assert seen

        actor.goto(f"{asgi_server}/shoots/{shoot.pk}/")
        actor.get_by_role("button", name="Postponed").click()
        actor.wait_for_selector("text=Postponed")

        watcher.wait_for_selector(".calendar a.ev.status-postponed", timeout=10_000)
        assert watcher.locator(".calendar a.ev.status-scheduled").count() == 0
        assert watcher.evaluate("window.__notReloaded") is True
        assert "shoot.status_changed" in watcher.evaluate("window.__live")
        screenshot(watcher, "live-calendar-updated")
    finally:
        actor_ctx.close()
        watcher_ctx.close()


@pytest.mark.usefixtures("events_jobs")
def test_urgent_portal_request_reaches_staff_inbox_and_bell_without_reload(
    browser, asgi_server, team_user, client_a, client_a_user
):
    watcher_ctx, watcher = _signed_in_page(browser, asgi_server, team_user)
    client_ctx, portal = _signed_in_page(browser, asgi_server, client_a_user)
    try:
        watcher.goto(f"{asgi_server}/requests/")
        watcher.wait_for_selector("body[data-live-state='open']")
        assert watcher.locator("[data-bell-count]").is_hidden()
        watcher.evaluate("window.__notReloaded = true")

        portal.goto(f"{asgi_server}/portal/{client_a.client_portal_subdomain}/requests/")
        portal.get_by_label("Priority").select_option("Urgent")
        portal.get_by_label("Details").fill("Our oven broke: please reshoot on Friday")
        portal.get_by_role("button", name="Send").click()

        watcher.wait_for_selector("text=Our oven broke", timeout=10_000)
        bell = watcher.locator("[data-bell-count]")
        bell.wait_for(state="visible", timeout=10_000)
        assert bell.inner_text() == "1"
        assert watcher.evaluate("window.__notReloaded") is True
        screenshot(watcher, "live-requests-inbox-and-bell")
    finally:
        client_ctx.close()
        watcher_ctx.close()


def test_client_turns_off_review_emails_on_the_portal_account_page(
    browser, asgi_server, client_a, client_a_user
):
    from localbzz.events.models import NotificationPreference

    ctx, portal = _signed_in_page(browser, asgi_server, client_a_user)
    try:
        portal.goto(f"{asgi_server}/portal/{client_a.client_portal_subdomain}/account/")
        form = portal.locator("form.notification-preferences")
        form.locator("input[name=review_needed_email]").uncheck()
        form.get_by_role("button", name="Save").click()
        form.locator("[data-saved]").filter(has_text="Saved.").wait_for()
        pref = NotificationPreference.objects.get(user=client_a_user, kind="review_needed")
        assert (pref.in_app, pref.email) == (True, False)
    finally:
        ctx.close()
