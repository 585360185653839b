"""Comments in two channels, in headless Chromium: staff write both, marked; the client's
portal shows and takes only client-visible ones; an @mention notifies."""

from urllib.parse import urlsplit

import pytest

from comments.models import Comment
from conftest import screenshot
from deliverables.tests.factories import make_deliverable
from localbzz.celery import app as celery_app
from localbzz.events.models import Notification, NotificationKind

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def eager_celery():
    """The mention's notification is fanned out by a job: inline here, even with REDIS_URL
    set (the live server runs in this process)."""
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before


def test_team_and_client_talk_in_two_channels(
    page, live_server, team_user, client_a_user, password, client_a
):
    deliverable = make_deliverable(client_a, title="Croissant reel")
    page.goto(f"{live_server.url}/")
    page.wait_for_url("**/accounts/login/**")
    page.get_by_label("Email").fill(team_user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/deliverables/{deliverable.pk}/")

    page.fill("#comments textarea[name=body]", "Grade is too warm, fix before sending")
    page.get_by_role("button", name="Post comment").click()
    page.locator(".comment-team", has_text="too warm").wait_for()
    page.fill("#comments textarea[name=body]", "Your first cut is ready to watch")
    page.check("#comments input[name=visibility][value=client]")
    page.get_by_role("button", name="Post comment").click()
    page.locator(".comment-client", has_text="first cut").wait_for()
    assert page.locator(".comment-team .chip-team").is_visible()
    assert page.locator(".comment-client .chip-client").is_visible()
    screenshot(page, "comments-dashboard")

    page.context.clear_cookies()
    acme = f"http://acme.localhost:{urlsplit(live_server.url).port}"
    page.goto(f"{acme}/deliverables/{deliverable.pk}/")
    page.wait_for_url(f"{acme}/sign-in/**")
    page.fill("input[name=username]", client_a_user.email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{acme}/deliverables/{deliverable.pk}/")
    thread = page.locator("#comments")
    assert thread.get_by_text("Your first cut is ready to watch").is_visible()
    assert thread.get_by_text("too warm").count() == 0
    page.fill("#comments textarea[name=body]", "Love it! @team can we add captions?")
    page.get_by_role("button", name="Post comment").click()
    thread.get_by_text("can we add captions").wait_for()
    screenshot(page, "comments-portal")
    reply = Comment.objects.get(body__startswith="Love it")
    assert reply.visibility == "client"
    assert list(reply.mentions.all()) == [team_user]
    assert Notification.objects.filter(user=team_user, kind=NotificationKind.MENTIONED).exists()
