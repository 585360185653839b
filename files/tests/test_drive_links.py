"""Drive links without Drive connected: plain URLs, but one that claims to be a Google Drive
or Docs link must be one (deliverable ``file_link``, shoot ``drive_folder_link``)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from deliverables.tests.factories import make_deliverable
from localbzz.testing import api_client
from localbzz.validators import validate_drive_link
from shoots.tests.factories import make_shoot

pytestmark = pytest.mark.django_db


def _shoot(client):
    return make_shoot(client, shoot_start=timezone.now(), location="Main St 1")


@pytest.mark.parametrize(
    "link",
    [
        "https://drive.google.com/file/d/1AbCdEfGhIjKl/view?usp=sharing",
        "https://drive.google.com/drive/folders/1AbCdEfGhIjKlMn",
        "https://drive.google.com/drive/u/0/folders/1AbCdEfGhIjKlMn",
        "https://docs.google.com/document/d/1AbCdEfGhIjKlMn/edit",
        "https://drive.google.com/open?id=1AbCdEfGhIjKlMn",
        "https://dropbox.com/s/abc/reel.mp4",  # not a Drive link: a plain URL
        "",
    ],
)
def test_good_or_other_links_pass(link):
    validate_drive_link(link)


@pytest.mark.parametrize(
    "link",
    [
        "http://drive.google.com/file/d/1AbCdEfGhIjKl/view",  # not https
        "https://drive.google.com/evil",
        "https://drive.google.com/open?id=x",
        "https://drive.google.com.evil.example/file/d/1AbCdEfGhIjKl/view",
        "https://docs.google.com:8443/document/d/1AbCdEfGhIjKlMn/edit",
    ],
)
def test_links_claiming_drive_must_be_drive_links(link):
    with pytest.raises(ValidationError):
        validate_drive_link(link)


def test_api_refuses_a_bad_drive_link_on_a_deliverable_and_a_shoot(team_user, client_a):
    api = api_client(team_user)
    deliverable = make_deliverable(client_a)
    bad = "https://drive.google.com/not-a-file"
    response = api.patch(f"/api/deliverables/{deliverable.pk}", {"file_link": bad}, format="json")
    assert response.status_code == 400
    assert "file_link" in response.json()["error"]["details"]
    shoot = _shoot(client_a)
    response = api.patch(f"/api/shoots/{shoot.pk}", {"drive_folder_link": bad}, format="json")
    assert response.status_code == 400
    assert "drive_folder_link" in response.json()["error"]["details"]
