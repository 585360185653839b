"""The short load test (services stage): locust's mix (ops/loadtest/locustfile.py) for
LOADTEST_SECONDS (60) against gunicorn on PostgreSQL and Redis; any 5xx fails it.
``make loadtest``-sized runs use the same file with more users for longer."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clients.tests.factories import make_client
from deliverables.tests.factories import make_deliverable
from localbzz.accounts.api_keys import api_key_create
from localbzz.accounts.models import Role
from localbzz.accounts.tests.factories import make_user
from localbzz.testing import PASSWORD
from ops.tests.test_multiprocess import BIN, ROOT, fleet, free_port, wait_ready  # noqa: F401

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
LOCUSTFILE = ROOT / "ops" / "loadtest" / "locustfile.py"


def test_a_short_load_test_has_no_server_error(fleet, admin_user, team_user, tmp_path):  # noqa: F811
    client = make_client(name="Load Bakery", client_portal_subdomain="loadbakery")
    client_user = make_user(Role.CLIENT, client=client, email="owner@loadbakery.test")
    for _ in range(30):
        make_deliverable(client=client)
    _, raw_key = api_key_create(actor=admin_user, name="Load test")

    port = free_port()
    fleet.start("gunicorn", [
        str(BIN / "gunicorn"), "--workers=2", f"--bind=127.0.0.1:{port}",
        "localbzz.wsgi:application",
    ])  # fmt: skip
    wait_ready(port, fleet)
    seconds = int(os.environ.get("LOADTEST_SECONDS", "60"))
    users = os.environ.get("LOADTEST_USERS", "20")
    prefix = tmp_path / "loadtest"
    env = {
        **fleet.env,
        "LOADTEST_TEAM_EMAIL": team_user.email,
        "LOADTEST_CLIENT_EMAIL": client_user.email,
        "LOADTEST_PORTAL": "loadbakery",
        "LOADTEST_API_KEY": raw_key,
        "LOADTEST_PASSWORD": PASSWORD,
    }
    done = subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
         "--host", f"http://127.0.0.1:{port}", "-u", users, "-r", "10", "-t", f"{seconds}s",
         "--csv", str(prefix), "--only-summary", "--stop-timeout", "5"],
        cwd=ROOT, env=env, capture_output=True, timeout=seconds + 120,
    )  # fmt: skip
    output = done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")
    assert Path(f"{prefix}_stats.csv").exists(), output[-3000:]
    stats = list(csv.DictReader(Path(f"{prefix}_stats.csv").read_text().splitlines()))
    failures = list(csv.DictReader(Path(f"{prefix}_failures.csv").read_text().splitlines()))
    total = next(row for row in stats if row["Name"] == "Aggregated")
    server_errors = [f for f in failures if "50" in f["Error"][:20] or "Server Error" in f["Error"]]
    print(
        f"load test: {total['Request Count']} requests, {total['Failure Count']} failures, "
        f"p50 {total['50%']} ms, p95 {total['95%']} ms, p99 {total['99%']} ms"
    )
    assert int(total["Request Count"]) > seconds, output[-3000:]
    assert not server_errors, f"{server_errors}\n{fleet.logs()}"
    # every kind of user got through: staff pages, the API and the portal
    names = {row["Name"] for row in stats if int(row["Request Count"]) > 0}
    assert {"/", "/api/deliverables", "/portal/[sub]/"} <= names, names
    assert not failures, failures
