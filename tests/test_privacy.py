"""GDPR export and erasure across every app (issue 14): the export holds every seeded fact
about a person; after an erasure none of the person's values is left in any text column of
any table, and a second erasure changes nothing."""

from __future__ import annotations

import pytest
from django.db import connection
from rest_framework.test import APIClient

from clients.services import client_update
from clients.tests.factories import make_client
from deliverables.models import DeliverableReview, ReviewDecision
from deliverables.tests.factories import make_deliverable
from forms.services import form_submission_create
from localbzz.accounts.models import Role
from localbzz.accounts.services import user_create
from localbzz.audit.models import AuditEntry
from localbzz.audit.trail import verify
from localbzz.events.models import (
    Event,
    Notification,
    NotificationKind,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from localbzz.testing import fresh_ip
from portal.services import portal_request_reply
from portal.tests.factories import make_portal_request
from team.models import TeamMember
from team.tests.factories import make_team_member

pytestmark = pytest.mark.django_db(transaction=False)

NAME = "Philippa Quartermaine"
EMAIL = "philippa.quartermaine@example.org"
PHONE = "+44 20 7946 0958"
VALUES = (NAME, EMAIL, PHONE)


@pytest.fixture
def person(admin_user):
    client = make_client(name="Harbour Bakery")
    client_update(
        client=client, actor=admin_user, primary_contact_name=NAME, email=EMAIL, phone=PHONE
    )
    user = user_create(
        actor=admin_user, email=EMAIL, password=None, role=Role.CLIENT, client=client,
        full_name=NAME,
    )  # fmt: skip
    lead = form_submission_create(
        contact_name=NAME, email=EMAIL, phone=PHONE, business_name="Harbour Bakery"
    )
    member = make_team_member(name=NAME, email=EMAIL, phone=PHONE)
    request = make_portal_request(client, created_by=user, content=f"Call me, {NAME}: {PHONE}")
    reply = portal_request_reply(portal_request=request, author=user, body=f"Thanks - {NAME}")
    deliverable = make_deliverable(client)
    review = DeliverableReview.objects.create(
        deliverable=deliverable,
        decision=ReviewDecision.APPROVED,
        reviewed_by=user,
        comment=f"Lovely. {NAME}",
    )
    event = Event.objects.filter(object_id=str(lead.pk)).first()
    endpoint = WebhookEndpoint.objects.create(url="https://hooks.example.com/x", event_types=["*"])
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=event)
    WebhookAttempt.objects.create(
        delivery=delivery, status_code=500, response_excerpt=f"bad contact {EMAIL}"
    )
    kind = NotificationKind.choices[0][0]
    note = Notification.objects.create(user=user, kind=kind, event=event, title=f"Hi {NAME}")
    APIClient(REMOTE_ADDR=fresh_ip()).post(
        "/api/auth/token", {"email": EMAIL, "password": "wrong"}, format="json"
    )
    return {
        "client": client,
        "user": user,
        "lead": lead,
        "member": member,
        "request": request,
        "reply": reply,
        "review": review,
        "note": note,
        "deliverable": deliverable,
    }


def admin_api(admin_user) -> APIClient:
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(admin_user)
    return api


def text_columns_holding(value: str) -> list[str]:
    """``table.column`` of every text-castable column of every table that holds ``value``."""
    like = "ILIKE" if connection.vendor == "postgresql" else "LIKE"
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                name = connection.ops.quote_name(column.name)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} "  # noqa: S608
                    f"WHERE CAST({name} AS TEXT) {like} %s",
                    [f"%{value}%"],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column.name}")
    return found


def test_export_holds_every_seeded_fact(admin_user, person):
    response = admin_api(admin_user).get("/api/privacy/export", {"email": EMAIL.upper()})
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["clients.client"][0]["primary_contact_name"] == NAME
    assert data["clients.client"][0]["phone"] == PHONE
    assert data["accounts.user"][0]["full_name"] == NAME
    assert data["forms.formsubmission"][0]["id"] == str(person["lead"].pk)
    assert data["team.teammember"][0]["phone"] == PHONE
    assert data["portal.clientportalrequest"][0]["id"] == str(person["request"].pk)
    assert data["portal.portalrequestreply"][0]["body"] == f"Thanks - {NAME}"
    assert data["deliverables.deliverablereview"][0]["comment"] == f"Lovely. {NAME}"
    assert data["events.notification"][0]["title"] == f"Hi {NAME}"
    actions = {e["action"] for e in data["audit"]}
    assert {"auth.sign_in_failed", "portal_request.replied"} <= actions
    read = AuditEntry.objects.filter(action="privacy.exported").get()
    assert read.actor_id == str(admin_user.pk)  # the read is audited


def test_erase_leaves_none_of_the_values_anywhere_twice(admin_user, person):
    before = {v: text_columns_holding(v) for v in VALUES}
    assert all(before.values()), before  # the search finds them while they are there
    api = admin_api(admin_user)
    api.get("/api/privacy/export", {"email": EMAIL})
    for _ in range(2):
        response = api.post("/api/privacy/erase", {"email": EMAIL}, format="json")
        assert response.status_code == 200
        left = {v: text_columns_holding(v) for v in VALUES}
        assert not any(left.values()), left
    # business records stay, authored by the anonymised person
    person["deliverable"].refresh_from_db()
    person["review"].refresh_from_db()
    assert person["review"].reviewed_by_id == person["user"].pk
    person["user"].refresh_from_db()
    assert person["user"].full_name == "Erased person"
    assert not person["user"].is_active
    assert TeamMember.objects.filter(pk=person["member"].pk, name="Erased person").exists()
    # the erasure is recorded without the data, and the chain still verifies
    erased = AuditEntry.objects.filter(action="privacy.erased")
    assert erased.count() == 2
    assert EMAIL not in str(list(erased.values()))
    assert verify() is None


def test_erase_of_an_unknown_person_changes_nothing(admin_user):
    response = admin_api(admin_user).post(
        "/api/privacy/erase", {"email": "nobody@example.com"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["counts"] == {}


@pytest.mark.parametrize("body", [{}, {"email": "not-an-email"}, {"email": "x" * 300}])
def test_bad_bodies_are_400(admin_user, body):
    response = admin_api(admin_user).post("/api/privacy/erase", body, format="json")
    assert response.status_code == 400
    assert "email" in response.json()["error"]["details"]


def test_dashboard_page_downloads_and_erases_after_confirmation(client, admin_user, person):
    client.force_login(admin_user)
    assert client.get("/audit/privacy/").status_code == 200
    download = client.post("/audit/privacy/", {"action": "export", "export-email": EMAIL})
    assert download["Content-Disposition"].startswith("attachment")
    assert NAME in download.content.decode()
    unconfirmed = client.post(
        "/audit/privacy/",
        {"action": "erase", "erase-email": EMAIL, "erase-confirm_email": "other@example.org"},
    )
    assert "The two e-mail addresses differ." in unconfirmed.content.decode()
    assert text_columns_holding(EMAIL)
    done = client.post(
        "/audit/privacy/",
        {
            "action": "erase",
            "erase-email": EMAIL,
            "erase-confirm_email": EMAIL,
            "erase-confirm": "on",
        },
    )
    assert done.status_code == 302
    assert not text_columns_holding(EMAIL)


@pytest.mark.parametrize("who", ["team_user", "client_a_user"])
def test_privacy_page_is_admin_only(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/audit/privacy/").status_code == 404
