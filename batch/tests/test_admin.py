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
