# ruff: noqa: S603, S607  (a load-test driver runs local programs by design)
"""``make loadtest``: locust's mix (ops/loadtest/locustfile.py) against gunicorn; prints
requests per second, p50 / p95 / p99, failures and the share of writes.

1. creates (drops first) the PostgreSQL database ``localbzz_loadtest`` on
   ``postgres://postgres@127.0.0.1:5432`` (``LOADTEST_DATABASE_URL`` overrides), migrates it
   and adds a team user, a client with its portal user and 30 deliverables, and an API key;
2. starts gunicorn (``LOADTEST_WORKERS``, default 2 x cores + 1) with the test settings
   (throttles lifted, fast password hashing: the load is not refused) on a free port, with
   ``REDIS_URL`` when it is set (cache, sessions, Celery broker) and eager tasks otherwise;
3. runs locust headless for ``LOADTEST_SECONDS`` (60) with ``LOADTEST_USERS`` (50) users
   spawned at ``LOADTEST_SPAWN_RATE`` (10/s); the CSV files go to ``bench-results/``;
4. prints the figures and exits non-zero on any 5xx.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DATABASE_URL = os.environ.get(
    "LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/localbzz_loadtest"
)
SEED = """
import json
from clients.tests.factories import make_client
from deliverables.tests.factories import make_deliverable
from localbzz.accounts.api_keys import api_key_create
from localbzz.accounts.models import Role
from localbzz.accounts.tests.factories import make_user
from localbzz.testing import PASSWORD
admin = make_user(Role.ADMIN, email="loadtest-admin@localbzz.test")
team = make_user(Role.TEAM, email="loadtest-team@localbzz.test")
client = make_client(name="Load Bakery", client_portal_subdomain="loadbakery")
owner = make_user(Role.CLIENT, client=client, email="owner@loadbakery.test")
for _ in range(30):
    make_deliverable(client=client)
_, key = api_key_create(actor=admin, name="Load test")
print(json.dumps({"team": team.email, "client": owner.email, "key": key, "password": PASSWORD}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def recreate_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def main() -> int:
    seconds = int(os.environ.get("LOADTEST_SECONDS", "60"))
    users = os.environ.get("LOADTEST_USERS", "50")
    workers = os.environ.get("LOADTEST_WORKERS", str(2 * (os.cpu_count() or 1) + 1))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "localbzz.test_settings",
        "DATABASE_URL": DATABASE_URL,
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }
    if not env.get("REDIS_URL"):
        env["CELERY_TASK_ALWAYS_EAGER"] = "true"
    print(f"database {DATABASE_URL}: create, migrate, seed", flush=True)
    recreate_database(DATABASE_URL)
    manage = [str(BIN / "python"), "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    seeded = subprocess.run(
        [*manage, "shell", "-c", SEED], cwd=ROOT, env=env, check=True, capture_output=True
    )
    world = json.loads(seeded.stdout.decode().strip().splitlines()[-1])

    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), f"--workers={workers}", f"--bind=127.0.0.1:{port}",
         "--log-level=warning", "localbzz.wsgi:application"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        results = ROOT / "bench-results"
        results.mkdir(exist_ok=True)
        prefix = results / "loadtest"
        print(f"locust: {users} users for {seconds} s against {workers} gunicorn workers",
              flush=True)  # fmt: skip
        subprocess.run(
            [str(BIN / "python"), "-m", "locust", "-f", str(ROOT / "ops/loadtest/locustfile.py"),
             "--headless", "--host", f"http://127.0.0.1:{port}", "-u", users,
             "-r", os.environ.get("LOADTEST_SPAWN_RATE", "10"), "-t", f"{seconds}s",
             "--csv", str(prefix), "--only-summary", "--stop-timeout", "5"],
            cwd=ROOT, check=False, capture_output=True,
            env={**env, "LOADTEST_TEAM_EMAIL": world["team"],
                 "LOADTEST_CLIENT_EMAIL": world["client"], "LOADTEST_PORTAL": "loadbakery",
                 "LOADTEST_API_KEY": world["key"], "LOADTEST_PASSWORD": world["password"]},
        )  # fmt: skip
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
    return report(prefix, seconds)


def report(prefix: Path, seconds: int) -> int:
    stats = list(csv.DictReader(Path(f"{prefix}_stats.csv").read_text().splitlines()))
    failures = list(csv.DictReader(Path(f"{prefix}_failures.csv").read_text().splitlines()))
    total = next(row for row in stats if row["Name"] == "Aggregated")
    rows = [row for row in stats if row["Name"] != "Aggregated"]
    writes = sum(int(r["Request Count"]) for r in rows if r["Type"] in {"POST", "PATCH", "PUT"}
                 and "sign in" not in r["Name"])  # fmt: skip
    count = int(total["Request Count"])
    print(f"\n{'request':44} {'count':>7} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
    for r in rows:
        print(f"{r['Type'] + ' ' + r['Name']:44} {r['Request Count']:>7} {r['Failure Count']:>5}"
              f" {r['50%']:>6} {r['95%']:>6} {r['99%']:>6}")  # fmt: skip
    print(
        f"\nTOTAL {count} requests in {seconds} s: {float(total['Requests/s']):.1f} req/s, "
        f"p50 {total['50%']} ms, p95 {total['95%']} ms, p99 {total['99%']} ms, "
        f"{total['Failure Count']} failures, writes {100 * writes / max(count, 1):.0f}%"
    )
    server_errors = [f for f in failures if "50" in f["Error"][:20] or "Server Error" in f["Error"]]
    for f in failures:
        print(f"failure: {f['Method']} {f['Name']}: {f['Error'][:200]} x{f['Occurrences']}")
    return 1 if server_errors or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
