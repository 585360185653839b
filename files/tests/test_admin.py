"""The attachments' admin screen: listed with their owners, deleted through the service."""

import pytest
from django.urls import reverse

from deliverables.tests.factories import make_deliverable
from files.models import Attachment
from files.tests.factories import make_attachment
from localbzz.events.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_admin_lists_attachments_with_owner_and_download(admin_client, client_a):
    attachment = make_attachment(make_deliverable(client_a, title="Spring reel"))
    page = admin_client.get(reverse("admin:files_attachment_changelist"))
    assert page.status_code == 200
    assert "Spring reel" in page.content.decode()
    detail = admin_client.get(reverse("admin:files_attachment_change", args=[attachment.pk]))
    assert detail.status_code == 200
    assert reverse("api:attachment-download", args=[attachment.pk]) in detail.content.decode()


def test_admin_delete_goes_through_the_service(admin_client, admin_user, client_a):
    attachment = make_attachment(make_deliverable(client_a))
    url = reverse("admin:files_attachment_delete", args=[attachment.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not Attachment.objects.exists()
    event = Event.objects.get(type="attachment.deleted")
    assert event.actor == admin_user


def test_admin_adds_no_files(admin_client):
    assert admin_client.get(reverse("admin:files_attachment_add")).status_code == 403
