"""The data-cleanup report: phones normalised with phonenumbers, invalid phones, e-mails
with capitals, duplicate leads and clients; its page and its actions (through the
services: an edit event per fix)."""

from __future__ import annotations

import pytest

from clients.models import Client
from clients.tests.factories import make_client
from forms.tests.factories import make_form_submission
from localbzz.events.models import Event
from team.tests.factories import make_team_member

from ..cleanup import build_report, normal_phone
from ..models import CleanupReport

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def region(settings):
    settings.CLEANUP_PHONE_REGION = "US"


def test_phone_numbers_are_read_as_the_region_says():
    assert normal_phone("(415) 555-2671") == ("+14155552671", True)
    assert normal_phone("+44 20 7946 0958") == ("+442079460958", True)
    assert normal_phone("12") == (None, False)
    assert normal_phone("call me") == (None, False)


def test_the_report_names_each_kind_of_finding():
    odd = make_client(name="Odd Phone", phone="(415) 555-2671", email="Owner@Odd.test")
    make_client(name="No Number", phone="12")
    make_client(name="Fine", phone="+14155550100")
    make_client(name="twin co")
    make_client(name="Twin Co")
    first = make_form_submission(email="pat@example.com", phone="415-555-0199")
    second = make_form_submission(email="PAT@example.com ", phone="+1 415 555 0199")
    make_team_member(phone="555")

    report = build_report()

    kinds = {(f["kind"], f["label"].split(" · ")[0], f["field"]) for f in report.findings}
    assert ("phone_format", "Odd Phone", "phone") in kinds
    assert ("email_format", "Odd Phone", "email") in kinds
    assert ("phone_invalid", "No Number", "phone") in kinds
    assert not any(label == "Fine" for _, label, _ in kinds)
    assert report.counts["duplicate_client"] == 1
    lead = next(f for f in report.findings if f["kind"] == "duplicate_lead")
    assert {lead["object_id"], lead["others"][0]["id"]} == {str(first.pk), str(second.pk)}
    assert report.counts["phone_invalid"] == 2  # the client's "12" and the member's "555"
    fmt = next(f for f in report.findings if f["kind"] == "phone_format")
    assert fmt["suggestion"] == "+14155552671"
    assert fmt["url"] == f"/clients/{odd.pk}/"


def test_the_page_lists_findings_and_a_fix_goes_through_the_service(admin_user, client):
    odd = make_client(name="Odd Phone", phone="(415) 555-2671")
    build_report()
    client.force_login(admin_user)

    page = client.get("/jobs/cleanup/")

    assert page.status_code == 200
    assert b"+14155552671" in page.content
    assert b'id="cleanup-phone_format"' in page.content
    (index,) = [
        i for i, f in enumerate(CleanupReport.objects.get().findings) if f["kind"] == "phone_format"
    ]
    response = client.post(f"/jobs/cleanup/{index}/fix/")
    assert response.status_code == 302
    odd.refresh_from_db()
    assert odd.phone == "+14155552671"
    assert Event.objects.filter(type="client.updated", object_id=str(odd.pk)).exists()
    assert not any(f["kind"] == "phone_format" for f in CleanupReport.objects.get().findings)
    assert client.post(f"/jobs/cleanup/{index}/fix/").status_code == 302  # gone: a message


def test_fix_all_normalises_every_phone_and_email(admin_user, client):
    make_client(name="A", phone="(415) 555-2671")
    make_client(name="B", email="Boss@B.test")
    build_report()
    client.force_login(admin_user)

    client.post("/jobs/cleanup/all/fix/")

    assert Client.objects.get(name="A").phone == "+14155552671"
    assert Client.objects.get(name="B").email == "boss@b.test"


def test_the_page_is_for_admins_and_its_queries_are_bounded(
    admin_user, team_user, client, django_assert_max_num_queries
):
    for n in range(15):
        make_client(name=f"C{n}", phone="(415) 555-2671")
    build_report()
    client.force_login(team_user)
    assert client.get("/jobs/cleanup/").status_code in (403, 404)
    client.force_login(admin_user)
    with django_assert_max_num_queries(12):
        assert client.get("/jobs/cleanup/").status_code == 200


def test_the_job_keeps_the_last_reports_only():
    from ..jobs import cleanup_report

    make_client(name="A", phone="12")
    for _ in range(12):
        counts = cleanup_report()
    assert counts == {"phone_invalid": 1}
    assert CleanupReport.objects.count() == 10
