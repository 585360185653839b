"""Files on the portal in headless Chromium: the client's logo shows in the header, and a
client sends a new request with a photo attached in the request form itself."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import screenshot
from files.models import Attachment
from files.tests.factories import jpeg_bytes, make_attachment, png_bytes
from localbzz.events.tests.conftest import eager_celery  # noqa: F401 - the fixture
from portal.models import ClientPortalRequest

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("eager_celery")]


def test_client_sees_its_logo_and_sends_a_request_with_a_photo(
    page, live_server, client_a_user, password, client_a, tmp_path
):
    make_attachment(client_a, name="acme.png", data=png_bytes(size=(120, 40)))
    port = urlsplit(live_server.url).port
    acme = f"http://acme.localhost:{port}"
    page.goto(f"{acme}/")
    page.wait_for_url(f"{acme}/sign-in/**")
    page.fill("input[name=username]", client_a_user.email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{acme}/")

    logo = page.locator("header img[data-client-logo]")
    page.wait_for_function(
        "el => el.complete && el.naturalWidth > 0", arg=logo.element_handle(), timeout=30_000
    )
    assert logo.evaluate("el => el.naturalWidth") == 120

    page.goto(f"{acme}/requests/")
    photo = Path(tmp_path) / "new-menu.jpg"
    photo.write_bytes(jpeg_bytes())
    page.fill("textarea[name=content]", "Please film the new menu, photo attached")
    page.set_input_files("input[name=files]", str(photo))
    page.get_by_role("button", name="Send").click()
    page.wait_for_url(f"{acme}/requests/*/", timeout=30_000)
    assert page.locator(".attachment-name", has_text="new-menu.jpg").is_visible()
    assert "with 1 file" in page.content()
    screenshot(page, "portal-request-with-files")
    created = ClientPortalRequest.objects.get()
    assert Attachment.objects.get(portal_request=created).name == "new-menu.jpg"
