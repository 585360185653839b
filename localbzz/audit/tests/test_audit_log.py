import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clients.models import ClientStatus
from clients.services import client_set_status
from clients.tests.factories import make_client
from deliverables.services import deliverable_set_status
from deliverables.tests.factories import make_deliverable

pytestmark = pytest.mark.django_db


def _changes(admin_user, n):
    for _ in range(n):
        client = make_client(status=ClientStatus.PITCHING)
        client_set_status(client=client, status=ClientStatus.ACTIVE, actor=admin_user)
        deliverable_set_status(
            deliverable=make_deliverable(client=client), status="In Progress", actor=admin_user
        )


def test_admin_sees_who_changed_what_with_before_and_after(client, admin_user):
    _changes(admin_user, 1)
    client.force_login(admin_user)
    page = client.get("/audit/").content.decode()
    assert "client.status_changed" in page
    assert _before_after("Pitching", "Active") in page
    assert _before_after("To Do", "In Progress") in page
    assert admin_user.email in page


def _before_after(before: str, after: str) -> str:
    return (
        f'<span class="audit-before">{before}</span> <span aria-label="changed to">→</span> '
        f'<span class="audit-after">{after}</span>'
    )


def test_audit_log_reads_as_one_row_per_action_with_names_links_and_labels(client, admin_user):
    acme = make_client(status=ClientStatus.PITCHING, name="Acme Bakery")
    client_set_status(client=acme, status=ClientStatus.ACTIVE, actor=admin_user)
    reel = make_deliverable(client=acme, title="Croissant reel")
    deliverable_set_status(deliverable=reel, status="In Progress", actor=admin_user)
    client.force_login(admin_user)
    page = client.get("/audit/").content.decode()
    rows = page.split("<tbody>")[1].split("</tbody>")[0].split("<tr ")[1:]
    reel_rows = [r for r in rows if "Croissant reel" in r]
    assert len(reel_rows) == 1  # status_changed and updated: one action, one row
    row = reel_rows[0]
    assert f'href="/deliverables/{reel.pk}/"' in row
    assert "Croissant reel (Acme Bakery)" in row
    assert "deliverable.status_changed + deliverable.updated" in row  # in the order written
    assert "<dt>Status</dt>" in row
    assert row.count("<dt>Status</dt>") == 1
    assert f'href="/clients/{acme.pk}/"' in page


def test_audit_log_filters_by_type_and_actor(client, admin_user, team_user):
    _changes(admin_user, 1)
    client.force_login(admin_user)
    page = client.get("/audit/", {"type": "deliverable."}).content.decode()
    assert "deliverable.status_changed" in page
    assert "client.status_changed" not in page
    assert "No changes match" in client.get("/audit/", {"actor": team_user.email}).content.decode()


def test_bad_date_range_is_a_field_error_not_a_crash(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/audit/", {"since": "2026-02-01", "until": "2026-01-01"})
    assert response.status_code == 200
    assert "The end date comes before the start date." in response.content.decode()
    assert client.get("/audit/", {"since": "not-a-date"}).status_code == 200


@pytest.mark.parametrize("who", ["team_user", "client_a_user"])
def test_audit_log_is_admin_only(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/audit/").status_code == 404


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/audit/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_audit_log_runs_the_same_queries_for_few_and_many_changes(
    client, admin_user, django_assert_num_queries
):
    client.force_login(admin_user)
    _changes(admin_user, 1)
    with CaptureQueriesContext(connection) as few:
        client.get("/audit/")
    _changes(admin_user, 15)
    # names are read with one query per object type on the page: a fresh sign-in keeps the
    # accounts.user entry on page 1 as it was for the few
    client.force_login(admin_user)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/audit/")


@pytest.mark.parametrize(
    "params",
    [
        {"until": "9999-12-31"},
        {"since": "9999-12-31"},
        {"since": "0001-01-01"},
        {"since": "0001-01-01", "until": "9999-12-31"},
    ],
)
def test_out_of_range_dates_are_a_field_error_not_a_500(client, admin_user, params):
    _changes(admin_user, 1)
    client.force_login(admin_user)
    response = client.get("/audit/", params)
    assert response.status_code == 200
    assert "Pick a date between 1900-01-01 and 9998-12-31." in response.content.decode()
