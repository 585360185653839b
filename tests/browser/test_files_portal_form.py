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


def _sign_in_to_requests(page, live_server, client_a_user, password) -> str:
    port = urlsplit(live_server.url).port
    acme = f"http://acme.localhost:{port}"
    page.goto(f"{acme}/")
    page.wait_for_url(f"{acme}/sign-in/**")
    page.fill("input[name=username]", client_a_user.email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{acme}/")
    page.goto(f"{acme}/requests/")
    return acme


def test_request_form_sends_its_files_with_a_progress_bar(
    page, live_server, client_a_user, password, client_a, tmp_path
):
    """With JavaScript the form goes out through XMLHttpRequest (so the bar can move) and the
    browser then opens the new request's page."""
    acme = _sign_in_to_requests(page, live_server, client_a_user, password)
    progress = page.locator("[data-request-progress]")
    assert progress.is_hidden()
    photo = Path(tmp_path) / "storefront.jpg"
    photo.write_bytes(jpeg_bytes())
    page.fill("textarea[name=content]", "The storefront, photo attached")
    page.set_input_files("input[name=files]", str(photo))
    with page.expect_request(lambda r: r.method == "POST" and "/requests" in r.url) as sent:
        page.get_by_role("button", name="Send").click()
    assert sent.value.headers.get("x-requested-with") == "XMLHttpRequest"
    page.wait_for_url(f"{acme}/requests/*/", timeout=30_000)
    assert page.locator(".attachment-name", has_text="storefront.jpg").is_visible()
    created = ClientPortalRequest.objects.get()
    assert Attachment.objects.get(portal_request=created).name == "storefront.jpg"


def test_request_form_with_a_refused_file_shows_why_and_sends_nothing(
    page, live_server, client_a_user, password, client_a, tmp_path
):
    acme = _sign_in_to_requests(page, live_server, client_a_user, password)
    fake = Path(tmp_path) / "menu.jpg"
    fake.write_bytes(b"<html><script>alert(1)</script></html>")  # not a JPEG
    page.fill("textarea[name=content]", "A menu that is no picture")
    page.set_input_files("input[name=files]", str(fake))
    page.get_by_role("button", name="Send").click()
    page.wait_for_selector("#new .errorlist, #new .alert, #new [role=alert]", timeout=30_000)
    assert page.url == f"{acme}/requests/"
    assert "menu.jpg" in page.locator("#new").inner_text()
    assert page.locator("textarea[name=content]").input_value() == "A menu that is no picture"
    assert not ClientPortalRequest.objects.exists()
    assert not Attachment.objects.exists()
