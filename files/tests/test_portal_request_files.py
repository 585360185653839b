"""Files sent with the portal's new-request form: checked like every upload, stored with the
request, all or nothing (one refused file: no request, no file, a message saying which)."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.test import override_settings

from files import services
from files.models import Attachment
from files.storage import storage
from files.tests.factories import PDF, jpeg_bytes, stored_keys, upload
from localbzz.events.models import Event
from portal.models import ClientPortalRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(client, client_a_user):
    client.force_login(client_a_user)
    return client


def _url(client_a) -> str:
    return f"/portal/{client_a.client_portal_subdomain}/requests/"


def _send(portal, client_a, *files, follow=False):
    data = {
        "request_type": "Request",
        "topic": "Content",
        "priority": "Normal",
        "content": "Film the new menu, photos attached",
        "files": list(files),
    }
    return portal.post(_url(client_a), data, follow=follow)


def test_the_form_offers_a_multiple_file_input(portal, client_a):
    html = portal.get(_url(client_a)).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file" name="files" id="id_files" multiple' in html
    accept = re.search(r'name="files"[^>]* accept="([^"]*)"', html).group(1).split(",")
    assert {".jpg", ".mp4", ".pdf"} <= set(accept)
    assert not {".svg", ".html", ".exe"} & set(accept)


def test_a_request_sent_with_files_keeps_them(portal, client_a, client_a_user):
    response = _send(
        portal,
        client_a,
        upload("menu.jpg", jpeg_bytes()),
        upload("brief.pdf", PDF),
        follow=True,
    )
    assert response.status_code == 200
    created = ClientPortalRequest.objects.get()
    files = Attachment.objects.filter(portal_request=created)
    assert sorted(files.values_list("name", flat=True)) == ["brief.pdf", "menu.jpg"]
    assert all(storage().exists(a.key) for a in files)
    assert {a.uploaded_by for a in files} == {client_a_user}
    html = response.content.decode()
    assert "is in with 2 files" in html
    assert "menu.jpg" in html  # the request's page lists them
    assert Event.objects.filter(type="attachment.created").count() == 2


def test_a_request_without_files_still_goes_in(portal, client_a):
    response = _send(portal, client_a)
    assert response.status_code == 302
    assert ClientPortalRequest.objects.count() == 1
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("menu.jpg", b"<html><script>alert(1)</script></html>", "menu.jpg:"),
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 64, "setup.exe: Files of type .exe"),
        ("empty.pdf", b"", "empty.pdf: The file is empty."),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg:"),
    ],
)
def test_one_refused_file_leaves_no_request_and_says_which(portal, client_a, name, data, said):
    before = stored_keys()
    response = _send(portal, client_a, upload("good.jpg", jpeg_bytes()), upload(name, data))
    assert response.status_code == 400
    html = response.content.decode()
    assert said in html
    assert "Nothing was sent: choose your files again." in html
    assert not ClientPortalRequest.objects.exists()
    assert not Attachment.objects.exists()
    assert not Event.objects.filter(type="portal_request.created").exists()
    assert stored_keys() == before


@override_settings(MAX_ATTACHMENT_SIZE=1000)
def test_a_file_over_the_limit_leaves_no_request(portal, client_a):
    response = _send(portal, client_a, upload("big.pdf", PDF + b"%" * 2000))
    assert response.status_code == 400
    assert "big.pdf: The file is larger than 1000 bytes." in response.content.decode()
    assert not ClientPortalRequest.objects.exists()


def test_too_many_files_are_refused(portal, client_a):
    files = [upload(f"p{n}.jpg", jpeg_bytes()) for n in range(services.FORM_FILES_MAX + 1)]
    response = _send(portal, client_a, *files)
    assert response.status_code == 400
    assert not ClientPortalRequest.objects.exists()
    assert not Attachment.objects.exists()


def test_a_storage_failure_midway_removes_what_was_stored(portal, client_a):
    real_put = services.put
    calls = []

    def flaky_put(key, fh):
        calls.append(key)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_put(key, fh)

    before = stored_keys()
    with mock.patch.object(services, "put", flaky_put), pytest.raises(OSError, match="disk full"):
        _send(portal, client_a, upload("a.jpg", jpeg_bytes()), upload("b.jpg", jpeg_bytes()))
    assert not ClientPortalRequest.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_keys() == before


def test_staff_viewing_as_the_client_cannot_send(client, team_user, client_a):
    client.force_login(team_user)
    response = _send(client, client_a, upload("menu.jpg", jpeg_bytes()))
    assert response.status_code == 403
    assert not ClientPortalRequest.objects.exists()
    assert not Attachment.objects.exists()
