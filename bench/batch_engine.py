# ruff: noqa: T201  (a benchmark prints its figures)
"""The import engine measured in-process (``bench/batch.py`` runs it with the bench's
environment): N deliverables naming their client by subdomain, their shoot by id and their
assignee by e-mail, imported as a dry run, then for real, then again (all unchanged).

Run alone: ``DATABASE_URL=... .venv/bin/python bench/batch_engine.py [rows] [--profile]``.
Prints one JSON line: seconds and peak RSS (MB) of each pass.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localbzz.settings")


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _world(rows: int):
    """Ten clients with a shoot each, five team members, an admin; the CSV of ``rows``."""
    from clients.models import Client
    from localbzz.accounts.models import Role, User
    from shoots.models import Shoot
    from team.models import TeamMember

    tag = f"bb{int(time.time())}"
    clients = [
        Client.objects.create(
            name=f"Bench Batch {tag} {n}", client_portal_subdomain=f"{tag}-{n}", status="Active"
        )
        for n in range(10)
    ]
    members = [
        TeamMember.objects.create(name=f"Bench {n}", email=f"{tag}-{n}@localbzz.test")
        for n in range(5)
    ]
    start = dt.datetime(2030, 1, 10, 10, tzinfo=dt.UTC)
    shoots = [
        Shoot.objects.create(client=c, shoot_start=start, duration=dt.timedelta(hours=2))
        for c in clients
    ]
    admin = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("email").first()
    if admin is None:
        admin = User.objects.create_user(email=f"{tag}@localbzz.test", role=Role.ADMIN)
    lines = ["client_id,shoot_id,title,deliverable_type,status,due_date,assignee_id,caption"]
    for n in range(rows):
        c = n % 10
        lines.append(
            f"{clients[c].client_portal_subdomain},{shoots[c].pk},Bench reel {tag} {n},Reel,"
            f"To Do,2030-02-{n % 28 + 1:02d},{members[n % 5].email},Caption {n}"
        )
    return admin, ("\r\n".join(lines) + "\r\n").encode()


def _request(user):
    from django.test import RequestFactory
    from rest_framework.request import Request

    wrapped = Request(RequestFactory().get("/", SERVER_NAME="localhost"))
    wrapped.user = user
    return wrapped


def measure(rows: int, profile: bool = False) -> dict:
    import django

    django.setup()
    from django.db import connection

    from batch.collections import COLLECTIONS
    from batch.formats import read
    from batch.importing import Importer

    admin, content = _world(rows)
    deliverables = COLLECTIONS["deliverables"]
    figures = {"rows": rows}
    for label, dry_run in (("dry_run", True), ("commit", False)):
        upload = io.BytesIO(content)
        header, data, flat = read(upload, "rows.csv")
        started = time.perf_counter()
        importer = Importer(deliverables, _request(admin), dry_run=dry_run)
        if profile and label == "dry_run":
            import cProfile
            import pstats

            prof = cProfile.Profile()
            report = prof.runcall(importer.run, header, data, flat)
            pstats.Stats(prof).sort_stats("cumulative").print_stats(35)
        else:
            seen: list[str] = []

            def count(execute, sql, params, many, context, seen=seen):
                seen.append(sql[:90])
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                report = importer.run(header, data, flat)
            figures[f"{label}_queries"] = len(seen)
            if os.environ.get("BENCH_SQL"):
                from collections import Counter

                figures[f"{label}_sql"] = Counter(seen).most_common(12)
        figures[f"{label}_s"] = round(time.perf_counter() - started, 2)
        figures[f"{label}_peak_rss_mb"] = _peak_mb()
        figures[f"{label}_totals"] = report.totals
        if report.errors:
            figures[f"{label}_errors"] = report.errors[:3]
            break
    return figures


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    print(json.dumps(measure(int(args[0]) if args else 10_000, "--profile" in sys.argv)))
