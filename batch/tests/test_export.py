"""Export through the API: the list's rows and filters, formats, escaping, memory, roles."""

from __future__ import annotations

import csv
import datetime as dt
import io

import orjson
import pytest

from batch.collections import COLLECTIONS
from batch.formats import escape, unescape
from clients.models import ClientStatus
from clients.tests.factories import make_client
from deliverables.tests.factories import make_deliverable
from localbzz.testing import api_client
from shoots.tests.factories import make_shoot

from .helpers import export, xlsx_rows

pytestmark = pytest.mark.django_db

DANGEROUS = ["=1+2", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def test_csv_cells_that_a_spreadsheet_would_run_are_escaped(admin_user):
    for n, name in enumerate(DANGEROUS):
        make_client(name=name, client_portal_subdomain=f"c{n}", notes="=cmd|' /C calc'!A0")
    content = export(admin_user, "clients", "csv", ordering="created_at")
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert [r["name"] for r in rows] == [f"'{name}" for name in DANGEROUS]
    assert {r["notes"] for r in rows} == {"'=cmd|' /C calc'!A0"}


def test_xlsx_cells_are_text_not_formulas_and_dates_are_dates(admin_user, client_a):
    make_client(name='=HYPERLINK("http://evil")', client_portal_subdomain="evil")
    make_deliverable(client_a, None, due_date=dt.date(2030, 5, 17), title="@tag")
    clients = xlsx_rows(export(admin_user, "clients", "xlsx", search="HYPERLINK"))
    assert clients[1][clients[0].index("name")] == '\'=HYPERLINK("http://evil")'
    rows = xlsx_rows(export(admin_user, "deliverables", "xlsx"))
    header, row = rows[0], rows[1]
    assert row[header.index("due_date")] == dt.datetime(2030, 5, 17)
    assert isinstance(row[header.index("created_at")], dt.datetime)
    assert row[header.index("title")] == "'@tag"
    assert row[header.index("attachments_count")] == 0  # a number


def test_escaping_round_trips():
    for value in [*DANGEROUS, "'=x", "plain", "'quoted'"]:
        assert unescape(escape(value)) == value


def test_the_list_filters_and_ordering_apply(admin_user):
    make_client(name="B", client_portal_subdomain="b", status=ClientStatus.ACTIVE)
    make_client(name="A", client_portal_subdomain="a", status=ClientStatus.ACTIVE)
    make_client(name="C", client_portal_subdomain="c", status=ClientStatus.PITCHING)
    rows = orjson.loads(export(admin_user, "clients", "json", status="Active", ordering="-name"))
    assert [r["name"] for r in rows] == ["B", "A"]


def test_rows_equal_the_api_list_for_every_collection(admin_user, client_a, team_user):
    shoot = make_shoot(client_a, crew=[(team_user.team_member, "Editor")])
    make_deliverable(client_a, shoot)
    api = api_client(admin_user)
    for name in COLLECTIONS:
        listed = api.get(f"/api/{name}", {"page_size": 100}).json()["results"]
        exported = orjson.loads(export(admin_user, name, "json"))
        assert exported == listed, name


def test_a_bad_filter_or_format_is_the_lists_400(admin_user):
    api = api_client(admin_user)
    assert api.get("/api/clients/export", {"status": "Nope"}).status_code == 400
    response = api.get("/api/clients/export", {"format": "pdf"})
    assert response.status_code == 400
    assert "format" in response.json()["error"]["details"]


def test_export_reads_in_chunks_with_a_constant_number_of_queries(
    admin_user, client_a, django_assert_max_num_queries
):
    for _ in range(30):
        make_shoot(client_a)
    api = api_client(admin_user)
    with django_assert_max_num_queries(8):  # auth + the rows (+ crew prefetch) per chunk
        response = api.get("/api/shoots/export", {"format": "csv"})
        lines = b"".join(response.streaming_content).count(b"\r\n")
    assert lines == 31


def test_the_response_streams(admin_user, client_a):
    response = api_client(admin_user).get("/api/clients/export")
    assert response.streaming
    assert response["Content-Disposition"].startswith('attachment; filename="clients-')
