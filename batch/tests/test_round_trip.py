"""Export -> import into an empty database -> export again: the same rows, in every format."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from clients.models import Client
from clients.tests.factories import make_client
from deliverables.models import Deliverable
from deliverables.tests.factories import make_deliverable
from forms.models import FormSubmission
from forms.tests.factories import make_form_submission
from localbzz.events.models import Event
from shoots.models import Shoot
from shoots.tests.factories import make_shoot
from tasks.models import Task
from tasks.tests.factories import make_task
from team.models import TeamMember
from team.tests.factories import make_team_member

from .helpers import export, export_rows, import_file

ORDER = ("clients", "team-members", "shoots", "deliverables", "tasks", "form-submissions")
#: spreadsheets keep times to the millisecond: a shoot starts on a whole minute anyway
START = datetime(2030, 3, 1, 9, 30, tzinfo=UTC)
MODELS = (Task, Deliverable, Shoot, FormSubmission, Client, TeamMember)


@pytest.fixture
def world(db):
    acme = make_client(
        name="Acme, Bakery", client_portal_subdomain="acme", services=["Reels", "Photos"]
    )
    bravo = make_client(name='=HYPERLINK("x")', client_portal_subdomain="bravo", notes="+1 ok")
    ana = make_team_member(roles=("Editor", "Scheduler"), email="ana@crew.test", name="Ana")
    bo = make_team_member(email="bo@crew.test", name="Bo")
    shoot = make_shoot(
        acme,
        crew=[(ana, "Editor"), (bo, "Content Creator")],
        notes="line\nbreak",
        shoot_start=START,
    )
    make_shoot(bravo, shoot_start=START + timedelta(days=3, minutes=30))
    reel = make_deliverable(acme, shoot, assignee=ana, caption='-5% off; "quoted"')
    make_deliverable(bravo, None)
    make_task(assignees=[ana, bo], client=acme, shoot=shoot, deliverable=reel, estimated_minutes=90)
    make_task(name="@mention me")
    make_form_submission(business_name="Café Ünïcode", services_wanted=["Reels"])
    return acme


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_export_import_into_an_empty_database_exports_the_same(world, admin_user, fmt):
    before = {name: export_rows(admin_user, name) for name in ORDER}
    files = {name: export(admin_user, name, fmt) for name in ORDER}
    for model in MODELS:
        model.objects.all().delete()
    Event.objects.all().delete()

    for name in ORDER:
        response = import_file(admin_user, name, files[name], name=f"{name}.{fmt}")
        assert response.status_code == 200, (name, response.json())
        assert response.json()["totals"]["created"] == len(before[name])

    assert {name: export_rows(admin_user, name) for name in ORDER} == before
    assert Event.objects.filter(type="client.created").count() == 2  # written by the services


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_reimporting_the_export_changes_nothing(world, admin_user, fmt):
    for name in ORDER:
        content = export(admin_user, name, fmt)
        events = Event.objects.count()
        response = import_file(admin_user, name, content, name=f"x.{fmt}")
        body = response.json()
        assert response.status_code == 200, body
        assert body["totals"]["unchanged"] == body["totals"]["rows"] > 0, (name, body)
        assert Event.objects.count() == events
