"""The admin's export actions use the same engine (the API's rows, the selection only)."""

from __future__ import annotations

import orjson
import pytest

from clients.tests.factories import make_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_admin_exports_the_selected_rows(client, admin_user, fmt):
    chosen = make_client(name="Chosen", client_portal_subdomain="chosen")
    make_client(name="Other", client_portal_subdomain="other")
    client.force_login(admin_user)
    response = client.post(
        "/admin/clients/client/",
        {"action": f"export_{fmt}", "_selected_action": [str(chosen.pk)]},
    )
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if fmt == "json":
        rows = orjson.loads(content)
        assert [r["id"] for r in rows] == [str(chosen.pk)]
        assert set(rows[0]) >= {"client_portal_subdomain", "shoot_frequency"}
    elif fmt == "csv":
        assert b"Chosen" in content
        assert b"Other" not in content


def test_the_admin_change_list_links_to_the_import_page(client, admin_user):
    client.force_login(admin_user)

    page = client.get("/admin/deliverables/deliverable/")
    assert page.status_code == 200
    assert b'href="import/"' in page.content
    response = client.get("/admin/deliverables/deliverable/import/")
    assert response.status_code == 302
    assert response["Location"] == "/batch/deliverables/import/"


def test_batch_jobs_and_cleanup_reports_have_read_only_admin_screens(client, admin_user):
    from batch.models import BatchJob, CleanupReport

    job = BatchJob.objects.create(collection="deliverables", user=admin_user, payload=b"x")
    CleanupReport.objects.create(counts={"phone_format": 1})
    client.force_login(admin_user)

    assert client.get("/admin/batch/batchjob/").status_code == 200
    assert client.get(f"/admin/batch/batchjob/{job.pk}/change/").status_code == 200
    assert client.get("/admin/batch/cleanupreport/").status_code == 200
    assert client.get("/admin/batch/batchjob/add/").status_code == 403
