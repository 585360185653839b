"""Sensitive reads land in the audit trail (``localbzz.audit.trail.record_read``, called by
the apps above the kernel): batch exports, attachment downloads, GDPR export bundles."""

from deliverables.tests.factories import make_deliverable
from files.tests.factories import make_attachment
from localbzz.audit.models import AuditEntry
from localbzz.audit.trail import verify
from localbzz.testing import api_client


def test_an_export_download_is_recorded_with_its_format_and_filters(team_user, client_a):
    api = api_client(team_user)
    response = api.get("/api/clients/export?format=csv&status=Active")
    assert response.status_code == 200
    b"".join(response.streaming_content)
    entry = AuditEntry.objects.get(action="export.downloaded")
    assert entry.actor_id == str(team_user.pk)
    assert entry.object_type == "clients"
    assert entry.surface == "api"
    assert entry.detail["format"] == "csv"
    assert entry.detail["filters"]["status"] == "Active"
    assert verify() is None


def test_an_attachment_download_is_recorded_but_not_a_refused_one(
    team_user, client_a, client_b_user
):
    attachment = make_attachment(make_deliverable(client_a), name="shot.jpg")
    refused = api_client(client_b_user).get(f"/api/attachments/{attachment.pk}/download")
    assert refused.status_code == 404
    assert not AuditEntry.objects.filter(action="attachment.downloaded").exists()
    response = api_client(team_user).get(f"/api/attachments/{attachment.pk}/download")
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="attachment.downloaded")
    assert (entry.actor_id, entry.object_type, entry.object_id) == (
        str(team_user.pk),
        "files.attachment",
        str(attachment.pk),
    )
    assert entry.detail == {"name": "shot.jpg"}


def test_a_privacy_bundle_read_is_recorded(admin_user, team_user):
    response = api_client(admin_user).get(f"/api/privacy/export?email={team_user.email}")
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="privacy.exported")
    assert entry.actor_id == str(admin_user.pk)
    assert entry.detail["email"] == team_user.email
