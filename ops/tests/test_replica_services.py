"""The read replica on two real PostgreSQL databases (services stage): gunicorn runs with
``DATABASE_URL`` on the test database and ``DATABASE_REPLICA_URL`` on a copy of it that
differs on purpose, so each answer shows which database it was read from."""

from __future__ import annotations

import json
import subprocess
import urllib.request
import uuid

import psycopg
import pytest
from django.db import connection

from clients.tests.factories import make_client
from localbzz.accounts.api_keys import api_key_create
from ops.tests.test_multiprocess import BIN, fleet, free_port, post, wait_ready  # noqa: F401

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def admin_url(url: str, name: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def replica_database(fleet):  # noqa: F811
    """A second database holding a copy of the test database (pg_dump | pg_restore)."""
    primary_url = fleet.env["DATABASE_URL"]
    name = f"{connection.settings_dict['NAME']}_replica"[:60]
    server = admin_url(primary_url, "postgres")
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')

    def copy_now():
        dump = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", f"--dbname={primary_url}"],
            capture_output=True, check=True, timeout=120,
        )  # fmt: skip
        subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={admin_url(primary_url, name)}"],
            input=dump.stdout, capture_output=True, check=True, timeout=120,
        )  # fmt: skip
        return admin_url(primary_url, name)

    yield copy_now
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def call(port: int, path: str, key: str, body: dict | None = None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Api-Key {key}", "Host": "localhost",
                 "Content-Type": "application/json"},
        method="POST" if body is not None else "GET",
    )  # fmt: skip
    return post(request)


def names(page: dict) -> set[str]:
    return {row["name"] for row in page["results"]}


def test_lists_read_the_replica_and_a_writer_reads_the_primary(
    fleet,  # noqa: F811
    replica_database,
    admin_user,
):
    both = make_client(name="On Both", client_portal_subdomain=f"b{uuid.uuid4().hex[:8]}")
    _, key_writer = api_key_create(actor=admin_user, name="Writer")
    _, key_reader = api_key_create(actor=admin_user, name="Reader")
    replica_url = replica_database()
    # the copy now differs from the primary in two ways a reader can see
    only_primary = make_client(name="Only Primary", client_portal_subdomain="onlyprimary")
    with psycopg.connect(replica_url, autocommit=True) as replica:
        replica.execute(
            "UPDATE clients_client SET name = 'Renamed On Replica' WHERE id = %s", [both.pk]
        )

    port = free_port()
    fleet.start("gunicorn", [
        str(BIN / "gunicorn"), "--workers=1", f"--bind=127.0.0.1:{port}",
        "localbzz.wsgi:application",
    ], DATABASE_REPLICA_URL=replica_url, REPLICA_STICKY_SECONDS="30")  # fmt: skip
    wait_ready(port, fleet)

    # a list reads the replica; a single object reads the primary
    listed = names(call(port, "/api/clients", key_reader))
    assert "Renamed On Replica" in listed, fleet.logs()
    assert "Only Primary" not in listed
    detail = call(port, f"/api/clients/{only_primary.pk}", key_reader)
    assert detail["name"] == "Only Primary"

    # a caller who writes reads its own write (and everything else) from the primary ...
    call(port, "/api/clients", key_writer, {"name": "Just Written",
                                            "client_portal_subdomain": "justwritten"})  # fmt: skip
    after_write = names(call(port, "/api/clients", key_writer))
    assert {"Just Written", "Only Primary", "On Both"} <= after_write, after_write
    # ... while another caller's lists still come from the replica
    other = names(call(port, "/api/clients", key_reader))
    assert "Just Written" not in other
    assert "Renamed On Replica" in other
