"""Files in headless Chromium: a team member drops an image on a deliverable (progress bar,
then the thumbnail), a client downloads its deliverable's file on its portal."""

import base64
from urllib.parse import urlsplit

import pytest

from conftest import screenshot
from deliverables.tests.factories import make_deliverable
from files.models import Attachment
from files.tests.factories import PDF, jpeg_bytes, make_attachment
from localbzz.events.tests.conftest import eager_celery  # noqa: F401 - the fixture

# the thumbnail job runs inline in the live server's process, even when REDIS_URL is set
pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("eager_celery")]

DROP = """([b64, name, type]) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, { type }));
  return transfer;
}"""


def test_team_member_drops_an_image_and_sees_its_thumbnail(
    page, live_server, team_user, password, client_a
):
    deliverable = make_deliverable(client_a, title="Croissant reel")
    page.goto(f"{live_server.url}/")
    page.wait_for_url("**/accounts/login/**")
    page.get_by_label("Email").fill(team_user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/deliverables/{deliverable.pk}/")
    zone = page.locator(".dropzone")
    assert zone.is_visible()

    data = base64.b64encode(jpeg_bytes(size=(640, 480))).decode()
    transfer = page.evaluate_handle(DROP, [data, "croissant.jpg", "image/jpeg"])
    zone.dispatch_event("dragover", {"dataTransfer": transfer})
    zone.dispatch_event("drop", {"dataTransfer": transfer})

    progress = page.locator("[data-uploads] progress")
    progress.wait_for()
    page.wait_for_selector("[data-uploads] [data-upload-state=done]", timeout=30_000)
    assert progress.evaluate("el => el.value") == 100
    screenshot(page, "files-upload-progress")

    attachment = Attachment.objects.get(deliverable=deliverable)
    thumb = page.locator(f'[data-attachment-id="{attachment.pk}"] img.thumb')
    thumb.wait_for(timeout=30_000)  # the section re-renders once the upload is in
    page.wait_for_function(
        "el => el.complete && el.naturalWidth > 0", arg=thumb.element_handle(), timeout=30_000
    )
    assert thumb.evaluate("el => el.naturalWidth") == 480  # the thumbnail, not the 640 px image
    screenshot(page, "files-thumbnail")


def test_client_downloads_its_deliverables_file_on_the_portal(
    page, live_server, client_a_user, password, client_a
):
    deliverable = make_deliverable(client_a, title="Final cut")
    make_attachment(deliverable, data=PDF, name="final-cut.pdf")
    port = urlsplit(live_server.url).port
    acme = f"http://acme.localhost:{port}"
    page.goto(f"{acme}/")
    page.wait_for_url(f"{acme}/sign-in/**")
    page.fill("input[name=username]", client_a_user.email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{acme}/")
    page.goto(f"{acme}/deliverables/{deliverable.pk}/")
    assert page.locator(".attachment-name", has_text="final-cut.pdf").is_visible()
    assert page.locator(".dropzone").count() == 0  # a client uploads to requests only
    with page.expect_download() as info:
        page.get_by_role("link", name="Download", exact=True).click()
    download = info.value
    assert download.suggested_filename == "final-cut.pdf"
    with open(download.path(), "rb") as fh:
        assert fh.read() == PDF
