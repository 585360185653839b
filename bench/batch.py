# ruff: noqa: S310, S603, T201  (a benchmark calls its local server and programs, prints figures)
"""Batch import and export (issue 13's bar: import 10,000 deliverables, dry run and commit,
in under 60 s each; export 100,000 in under 30 s; peak RSS of both).

- Import: ``bench/batch_engine.py`` in a process of its own with the bench's environment
  (production settings, the bench database): the engine as a job runs it, dry run then
  commit, with its peak RSS and query count. ``BENCH_BATCH_ROWS`` changes the 10,000.
- Export: the bench database topped up to ``BENCH_EXPORT_ROWS`` (100,000) deliverables, then
  ``GET /api/deliverables/export?format=csv`` from the production server, timed to the
  last byte while the RSS of every gunicorn process is sampled (the growth of the largest).
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")

TOP_UP = """
import datetime as dt
from clients.models import Client
from deliverables.models import Deliverable
want = {rows}
have = Deliverable.objects.count()
client = Client.objects.order_by("name").first()
batch = []
for n in range(max(0, want - have)):
    batch.append(Deliverable(client=client, title=f"Export bench {{n}}", deliverable_type="Reel",
                             status="To Do", due_date=dt.date(2030, 1, n % 28 + 1),
                             caption="=SUM(A1) a formula-looking caption",
                             status_changed_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC)))
    if len(batch) == 5000:
        Deliverable.objects.bulk_create(batch)
        batch = []
Deliverable.objects.bulk_create(batch)
print(Deliverable.objects.count())
"""


def _gunicorn_rss() -> dict[int, int]:
    """{pid: RSS in kB} of the gunicorn processes serving localbzz on this machine."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmd = (entry / "cmdline").read_bytes()
            if b"gunicorn" not in cmd or b"localbzz.wsgi" not in cmd:
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    found[int(entry.name)] = int(line.split()[1])
        except OSError:
            continue
    return found


def _import(ctx) -> dict:
    rows = os.environ.get("BENCH_BATCH_ROWS", "10000")
    out = subprocess.run(
        [PY, str(ROOT / "bench" / "batch_engine.py"), rows],
        cwd=ROOT,
        env={**ctx.env, "LOG_LEVEL": "WARNING"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _export(ctx) -> dict:
    rows = int(os.environ.get("BENCH_EXPORT_ROWS", "100000"))
    total = int(ctx.manage("shell", "-c", TOP_UP.format(rows=rows)).strip().splitlines()[-1])
    before = _gunicorn_rss()
    peak = dict(before)
    done = threading.Event()

    def sample():
        while not done.is_set():
            for pid, rss in _gunicorn_rss().items():
                peak[pid] = max(peak.get(pid, 0), rss)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    request = urllib.request.Request(
        f"{ctx.base_url}/api/deliverables/export?format=csv",
        headers={"Authorization": f"Bearer {ctx.jwt(ctx.users['admin'])}"},
    )
    started = time.perf_counter()
    size = lines = 0
    cut = ""
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            while chunk := response.read(1 << 16):
                size += len(chunk)
                lines += chunk.count(b"\r\n")
    except http.client.IncompleteRead:  # e.g. the worker killed at GUNICORN_TIMEOUT
        cut = "cut off"
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    growth = max((peak[p] - before.get(p, peak[p]) for p in peak), default=0)
    return {
        "rows in the database": total,
        "rows exported": lines - 1,
        "seconds": round(seconds, 2),
        "MB": round(size / 1e6, 1),
        "complete": cut or "yes",
        "largest worker RSS (MB)": round(max(peak.values(), default=0) / 1024, 1),
        "its growth (MB)": round(growth / 1024, 1),
    }


def run(ctx) -> None:
    """Figures for ``BENCH_BATCH_ROWS`` / ``BENCH_EXPORT_ROWS`` rows (targets: 10,000 and
    100,000), also as headline figures."""
    figures = _import(ctx)
    ctx.report(
        "Import deliverables (engine, in-process)",
        [
            {
                "pass": label,
                "rows": figures["rows"],
                "seconds": figures.get(f"{label}_s"),
                "queries": figures.get(f"{label}_queries"),
                "peak RSS (MB)": figures.get(f"{label}_peak_rss_mb"),
                "created": (figures.get(f"{label}_totals") or {}).get("created"),
            }
            for label in ("dry_run", "commit")
        ],
    )
    exported = _export(ctx)
    ctx.report("Export deliverables as CSV (HTTP, streamed)", [exported])
    figure = getattr(ctx, "figure", None)  # headline figures (bench/last.json)
    if figure is not None:
        figure("import_dry_run_s", figures.get("dry_run_s"), "s", "< 60")
        figure("import_commit_s", figures.get("commit_s"), "s", "< 60")
        if exported["complete"] == "yes":
            figure("export_s", exported["seconds"], "s", "< 30")
        figure("export_rss_growth_mb", exported["its growth (MB)"], "MB", "< 50")
