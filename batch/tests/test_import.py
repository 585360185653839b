"""Import through the API: every bad row named, nothing written, human keys, file shapes."""

from __future__ import annotations

import orjson
import pytest

from clients.models import Client
from clients.tests.factories import make_client
from deliverables.models import Deliverable
from localbzz.events.models import Event
from shoots.models import Shoot
from tasks.models import Task
from team.tests.factories import make_team_member

from .helpers import csv_bytes, import_file

pytestmark = pytest.mark.django_db


def test_one_percent_bad_rows_are_each_reported_and_nothing_is_written(
    admin_user, client_a, settings
):
    settings.BATCH_INLINE_ROWS = 10_000  # answered inline (test_batch_jobs: the job's way)
    lines = ["client_id,title,deliverable_type,status,due_date"]
    bad = {}
    for n in range(1, 3001):
        if n % 100 == 0:  # 30 bad rows, three kinds
            kind = (n // 100) % 3
            row = [
                f"{client_a.client_portal_subdomain},Reel {n},Reel,Nonsense,2030-01-01",
                f"nobody-by-that-name,Reel {n},Reel,To Do,2030-01-01",
                f"acme,Reel {n},Reel,To Do,31/31/2030",
            ][kind]
            bad[n] = ["status", "client_id", "due_date"][kind]
        else:
            row = f"acme,Reel {n},Reel,To Do,2030-01-{n % 28 + 1:02d}"
        lines.append(row)
    events = Event.objects.count()

    response = import_file(admin_user, "deliverables", csv_bytes(lines))

    body = response.json()
    assert response.status_code == 400
    assert body["totals"] == {
        "rows": 3000,
        "created": 0,
        "updated": 0,
        "unchanged": 0,
        "invalid": 30,
    }
    assert {(e["row"], e["field"]) for e in body["errors"]} == set(bad.items())
    codes = {e["field"]: e["code"] for e in body["errors"]}
    assert codes == {"status": "invalid_choice", "client_id": "not_found", "due_date": "invalid"}
    assert set(body["error"]) == {"code", "message", "details", "request_id"}
    assert Deliverable.objects.count() == 0
    assert Event.objects.count() == events


def test_a_model_rule_refusing_a_row_rolls_back_the_rows_before_it(admin_user):
    # rows 1 and 3 pass the serializer; the model refuses the second "one" (unique subdomain)
    content = csv_bytes(["name,client_portal_subdomain", "One,one", "Two,two", "Three,one"])
    response = import_file(admin_user, "clients", content)
    assert response.status_code == 400, response.json()
    assert [(e["row"], e["field"]) for e in response.json()["errors"]] == [
        (3, "client_portal_subdomain")
    ]
    assert response.json()["totals"]["invalid"] == 1
    assert not Client.objects.exists()


def test_dry_run_reports_what_would_happen_and_writes_nothing(admin_user, client_a):
    content = csv_bytes(
        ["id,name,client_portal_subdomain", f"{client_a.pk},Acme 2,acme", ",New,new"]
    )
    response = import_file(admin_user, "clients", content, dry_run=True)
    assert response.status_code == 200
    assert response.json() == {
        "dry_run": True,
        "totals": {"rows": 2, "created": 1, "updated": 1, "unchanged": 0, "invalid": 0},
        "errors": [],
    }
    client_a.refresh_from_db()
    assert client_a.name == "Acme Bakery"
    assert Client.objects.count() == 1


def test_a_client_row_whose_subdomain_exists_updates_that_client(admin_user, client_a):
    content = csv_bytes(["name,client_portal_subdomain,default_reels", "Acme Renamed,acme,7"])
    response = import_file(admin_user, "clients", content)
    assert response.json()["totals"]["updated"] == 1
    client_a.refresh_from_db()
    assert (client_a.name, client_a.default_reels) == ("Acme Renamed", 7)
    assert Event.objects.filter(type="client.updated").exists()


def test_unknown_columns_are_reported(admin_user):
    content = csv_bytes(["name,client_portal_subdomain,colour", "One,one,red"])
    response = import_file(admin_user, "clients", content)
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "row": 0,
            "field": "colour",
            "code": "unknown_column",
            "message": "Unknown column 'colour'.",
        }
    ]
    assert not Client.objects.exists()


@pytest.mark.parametrize("sep", [",", ";"])
@pytest.mark.parametrize("bom", [True, False])
def test_csv_with_or_without_bom_and_either_separator(admin_user, sep, bom):
    content = csv_bytes(
        ["name,client_portal_subdomain,services", "One,one,Reels"], bom=bom, sep=sep
    )
    response = import_file(admin_user, "clients", content)
    assert response.status_code == 200, response.json()
    assert Client.objects.get().services == ["Reels"]


def test_related_objects_by_human_keys(admin_user):
    acme = make_client(name="Acme Bakery", client_portal_subdomain="acme")
    make_client(name="Zed", client_portal_subdomain="zed")
    ana = make_team_member(email="ana@crew.test")
    bo = make_team_member(email="bo@crew.test")
    shoots = orjson.dumps(
        [
            {
                "client_id": "Acme Bakery",
                "shoot_start": "2030-01-10T10:00:00Z",
                "duration": "02:00:00",
                "team": ["ANA@crew.test", {"team_member_id": "bo@crew.test", "role": "Editor"}],
            }
        ]
    )
    assert import_file(admin_user, "shoots", shoots, name="s.json").status_code == 200
    shoot = Shoot.objects.get()
    assert shoot.client == acme
    assert set(shoot.assignments.values_list("team_member__email", flat=True)) == {
        ana.email,
        bo.email,
    }
    tasks = csv_bytes(["name,client_id,assignee_ids", 'Edit,zed,"ana@crew.test, bo@crew.test"'])
    tasks = tasks.replace(b"zed", b"ZED")
    assert import_file(admin_user, "tasks", tasks).status_code == 200
    task = Task.objects.get()
    assert task.client.client_portal_subdomain == "zed"
    assert set(task.assignees.all()) == {ana, bo}


def test_an_unreadable_file_is_a_400(admin_user):
    for name, content in [
        ("x.xlsx", b"PK\x03\x04 not a zip"),
        ("x.json", b'{"a": 1}'),
        ("x.csv", b""),
    ]:
        response = import_file(admin_user, "clients", content, name=name)
        assert response.status_code == 400, name
        assert "file" in response.json()["error"]["details"]


def test_an_id_hidden_from_nobody_but_unknown_creates_with_that_id(admin_user):
    content = csv_bytes(
        ["id,name,client_portal_subdomain", "c0ffee00-0000-4000-8000-000000000001,X,x"]
    )
    assert import_file(admin_user, "clients", content).status_code == 200
    assert Client.objects.filter(pk="c0ffee00-0000-4000-8000-000000000001").exists()


def test_a_dry_run_records_no_event_or_audit_entry_and_the_import_does(admin_user, client_a):
    from localbzz.audit.models import AuditEntry

    content = csv_bytes(["client_id,title", "acme,One", "acme,Two"])
    events, entries = Event.objects.count(), AuditEntry.objects.count()

    checked = import_file(admin_user, "deliverables", content, dry_run=True)

    assert checked.json()["totals"]["created"] == 2
    assert (Event.objects.count(), AuditEntry.objects.count()) == (events, entries)
    assert import_file(admin_user, "deliverables", content).status_code == 200
    assert Event.objects.filter(type="deliverable.created").count() == 2
    assert AuditEntry.objects.count() > entries
