"""The files sections of the staff pages and the portal: list, thumbnails, video, download,
upload where the user may, nothing of another client's."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from deliverables.tests.factories import make_deliverable
from files.tests.factories import MP4, PDF, make_attachment, make_drive_folder
from files.thumbnails import generate_thumbnail
from portal.tests.factories import make_portal_request
from shoots.tests.factories import make_shoot
from tasks.tests.factories import make_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, team_user):
    client.force_login(team_user)
    return client


@pytest.fixture
def portal(client, client_a_user):
    client.force_login(client_a_user)
    return client


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_staff_pages_list_files_with_thumbnails_video_and_upload(staff, client_a):
    deliverable = make_deliverable(client_a)
    image = make_attachment(deliverable)
    generate_thumbnail(image.pk)
    video = make_attachment(deliverable, data=MP4, name="reel.mp4")
    html = _page(staff, reverse("deliverables:edit", args=[deliverable.pk]))
    assert reverse("api:attachment-thumbnail", args=[image.pk]) in html
    preview = reverse("api:attachment-preview", args=[video.pk])
    assert f'controls preload="metadata" src="{preview}"' in html
    assert reverse("api:attachment-download", args=[video.pk]) in html
    assert f'data-upload-url="/api/deliverables/{deliverable.pk}/attachments"' in html
    assert "files/upload.js" in html
    assert "<script>" not in html.split('id="attachments-')[1]  # no inline script (CSP)


@pytest.mark.parametrize(
    ("route", "make"),
    [
        ("shoots:detail", lambda c: make_shoot(c)),
        ("tasks:detail", lambda c: make_task(client=c)),
        ("requests:detail", lambda c: make_portal_request(c)),
    ],
)
def test_shoot_task_and_request_pages_have_a_files_section(staff, client_a, route, make):
    owner = make(client_a)
    attachment = make_attachment(owner, data=PDF, name="call-sheet.pdf")
    html = _page(staff, reverse(route, args=[owner.pk]))
    assert "call-sheet.pdf" in html
    assert reverse("api:attachment-download", args=[attachment.pk]) in html
    assert "data-upload-url=" in html


def test_portal_deliverable_page_downloads_but_takes_no_upload(portal, client_a):
    deliverable = make_deliverable(client_a)
    attachment = make_attachment(deliverable, data=PDF, name="final-cut.pdf")
    html = _page(portal, f"/portal/acme/deliverables/{deliverable.pk}/")
    assert "final-cut.pdf" in html
    assert reverse("api:attachment-download", args=[attachment.pk]) in html
    assert "data-upload-url=" not in html
    assert "data-delete-url=" not in html


def test_portal_request_page_takes_uploads(portal, client_a):
    request = make_portal_request(client_a)
    html = _page(portal, f"/portal/acme/requests/{request.pk}/")
    assert f'data-upload-url="/api/portal-requests/{request.pk}/attachments"' in html


def test_portal_download_of_another_clients_file_is_404(portal, client_b):
    attachment = make_attachment(make_deliverable(client_b))
    response = portal.get(reverse("api:attachment-download", args=[attachment.pk]))
    assert response.status_code == 404


def test_pages_say_drive_is_not_connected(staff, client_a):
    shoot = make_shoot(client_a)
    deliverable = make_deliverable(client_a, shoot)
    assert 'data-drive-state="not-connected"' in _page(
        staff, reverse("shoots:detail", args=[shoot.pk])
    )
    assert 'data-drive-state="not-connected"' in _page(
        staff, reverse("deliverables:edit", args=[deliverable.pk])
    )


def test_connected_pages_show_the_folder_and_offer_its_files(staff, client_a, settings):
    settings.GOOGLE_SERVICE_ACCOUNT_FILE = "/secrets/drive.json"
    settings.GOOGLE_DRIVE_ROOT_FOLDER_ID = "0AROOT"
    shoot = make_shoot(client_a)
    deliverable = make_deliverable(client_a, shoot)
    make_drive_folder(shoot)
    listing = [
        {
            "id": "1FinalCut000001",
            "name": "final-cut.mp4",
            "mime_type": "video/mp4",
            "size": 1024,
            "thumbnail_link": None,
            "modified_time": "2026-03-14T12:00:00.000Z",
            "link": "https://drive.google.com/file/d/1FinalCut000001/view",
        }
    ]
    cache.set("files:drive:list:1ShootFolder", listing, 60)
    html = _page(staff, reverse("shoots:detail", args=[shoot.pk]))
    assert "Acme Bakery/2026/2026-03-14 Main St 1" in html
    assert "final-cut.mp4" in html
    html = _page(staff, reverse("deliverables:edit", args=[deliverable.pk]))
    assert 'data-drive-file-id="1FinalCut000001"' in html
    assert f'data-drive-file-url="/api/deliverables/{deliverable.pk}/drive-file"' in html
    cache.delete("files:drive:list:1ShootFolder")  # not clear(): the Redis cache is shared


def test_a_deliverables_newest_file_is_the_current_version(portal, client_a):
    deliverable = make_deliverable(client_a)
    make_attachment(deliverable, data=PDF, name="cut-1.pdf")
    make_attachment(deliverable, data=PDF, name="cut-2.pdf")
    html = _page(portal, f"/portal/acme/deliverables/{deliverable.pk}/")
    assert html.index("cut-2.pdf") < html.index("cut-1.pdf")
    assert html.count('data-version="current"') == 1
    assert html.index('data-version="current"') < html.index("cut-1.pdf")
    assert html.count('data-version="earlier"') == 1
