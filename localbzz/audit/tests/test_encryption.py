"""Encryption at rest (issue 14): nothing of the contact fields in a dump of the database,
key rotation with two keys, a wrong key fails loudly, e-mail lookups by keyed hash."""

import os
import shutil
import subprocess
from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient

from clients.services import client_update
from clients.tests.factories import make_client
from forms.services import form_submission_create
from localbzz.crypto import DecryptionError, under_primary_key
from localbzz.events.models import Event
from team.tests.factories import make_team_member

NAME, EMAIL, PHONE = "Octavia Pemberton-Lisle", "octavia.pl@example.net", "+1 415 555 0199"
LEAD = ("Rosalind Featherstonehaugh", "rosalind.f@example.com", "020 7946 0321")
MEMBER_PHONE = "+33 1 70 36 39 55"
MESSAGE = "Ring after five, the side door by the quince tree"


def seed(actor=None):
    client = make_client(name="Harbour Bakery")
    client_update(client=client, actor=actor, primary_contact_name=NAME, email=EMAIL, phone=PHONE)
    lead = form_submission_create(
        contact_name=LEAD[0],
        email=LEAD[1],
        phone=LEAD[2],
        business_name="Fern Florists",
        message=MESSAGE,
    )
    member = make_team_member(phone=MEMBER_PHONE)
    return client, lead, member


def dump(tmp_path) -> bytes:
    """The database as bytes: the SQLite file (VACUUM INTO), or pg_dump's output."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        if not shutil.which("pg_dump"):
            pytest.skip("pg_dump is not installed")
        env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
        args = ["pg_dump", "-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432)]
        args += ["-U", db["USER"], db["NAME"]]
        return subprocess.run(args, env=env, capture_output=True, check=True).stdout
    target = tmp_path / "dump.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(target)])
    return target.read_bytes()


def raw(table: str, column: str) -> list:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608
        return [r[0] for r in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_a_dump_of_the_database_holds_none_of_the_values(tmp_path, admin_user):
    seed(admin_user)
    data = dump(tmp_path)
    assert b"Harbour Bakery" in data  # the dump is real: unencrypted fields are there
    for value in (NAME, EMAIL, PHONE, *LEAD, MEMBER_PHONE, MESSAGE):
        assert value.encode() not in data, value
    # ...and every surface still reads them
    event = Event.objects.filter(type="form_submission.created").get()
    assert event.envelope()["data"]["object"]["email"] == LEAD[1]


@pytest.mark.django_db
def test_exact_email_lookups_and_search_use_the_keyed_hash(admin_user):
    client, lead, _ = seed()
    from clients.models import Client
    from forms.models import FormSubmission

    assert Client.objects.get(email=EMAIL.upper()) == client
    assert FormSubmission.objects.filter(email__iexact=LEAD[1]).get() == lead
    api = APIClient()
    api.force_authenticate(admin_user)
    found = api.get("/api/clients", {"search": EMAIL}).json()["results"]
    assert [c["id"] for c in found] == [str(client.pk)]
    assert found[0]["primary_contact_name"] == NAME
    # a part of an encrypted value matches nothing (documented)
    assert api.get("/api/clients", {"search": "octavia"}).json()["results"] == []
    assert api.get("/api/clients", {"search": "Harbour"}).json()["count"] == 1


@pytest.mark.django_db
def test_rotation_with_two_keys(settings):
    old = settings.FIELD_ENCRYPTION_KEYS[0]
    seed()
    new = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    make_client(name="New Co", primary_contact_name="Written Under New")
    token_old = raw("clients_client", "primary_contact_name")
    assert sum(under_primary_key(t) for t in token_old if t) == 1  # one row under each key
    call_command("rotate_encryption_keys", "--batch-size", "1")
    settings.FIELD_ENCRYPTION_KEYS = [new]  # the old key can go now
    from clients.models import Client

    names = set(Client.objects.values_list("primary_contact_name", flat=True))
    assert names == {NAME, "Written Under New"}
    assert all(under_primary_key(t) for t in raw("clients_client", "phone") if t)
    event = Event.objects.filter(type="form_submission.created").get()
    assert event.envelope()["data"]["object"]["phone"] == LEAD[2]
    out = StringIO()
    call_command("rotate_encryption_keys", stdout=out)  # resumable: nothing left to do
    assert "clients.Client: 0 rows re-encrypted" in out.getvalue()


@pytest.mark.django_db
def test_a_wrong_key_fails_loudly(settings):
    seed()
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    from clients.models import Client

    with pytest.raises(DecryptionError):
        list(Client.objects.values_list("email", flat=True))


def test_production_refuses_to_start_without_keys(tmp_path):
    import os
    import secrets
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FIELD_"))}
    env.update(
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="localbzz.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        DJANGO_SETTINGS_MODULE="localbzz.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS" in result.stderr


@pytest.mark.django_db(transaction=True)
def test_webhook_secrets_are_encrypted_and_still_sign(tmp_path, admin_user):
    from localbzz.events.models import WebhookEndpoint
    from localbzz.events.services import webhook_endpoint_create, webhook_endpoint_rotate_secret

    endpoint = webhook_endpoint_create(
        actor=admin_user, url="https://hooks.example.com/s", event_types=["*"]
    )
    first = WebhookEndpoint.objects.get(pk=endpoint.pk).secret
    assert first.startswith("whsec_")
    webhook_endpoint_rotate_secret(endpoint=endpoint, actor=admin_user)
    stored = WebhookEndpoint.objects.get(pk=endpoint.pk)
    assert stored.signing_secrets() == [stored.secret, first]
    data = dump(tmp_path)
    for secret in (first, stored.secret):
        assert secret.encode() not in data
        assert secret.removeprefix("whsec_").encode() not in data
