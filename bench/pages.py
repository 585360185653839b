"""Staff dashboard page timings: each main page as the team user, sequential requests.

Called by ``bench/run.py`` (``make bench``) with the production server on PostgreSQL and
``seed_demo --scale 20`` data. Prints p50 / p99 per page; the target is well under 200 ms.
"""

from __future__ import annotations

import statistics
import time
import urllib.request

WARMUP = 5
SAMPLES = 60
TARGET_MS = 200


def _first_ids(ctx) -> dict:
    code = (
        "from clients.models import Client;from shoots.models import Shoot;"
        "from tasks.models import Task;"
        "print(Client.objects.order_by('name').values_list('pk', flat=True).first());"
        "print(Shoot.objects.order_by('-shoot_start').values_list('pk', flat=True).first());"
        "print(Task.objects.order_by('due_date').values_list('pk', flat=True).first())"
    )
    lines = ctx.manage("shell", "-c", code).strip().splitlines()[-3:]
    return dict(zip(("client", "shoot", "task"), lines, strict=True))


def _pages(ids: dict) -> dict[str, str]:
    return {
        "home": "/",
        "home cards (live)": "/home/cards/",
        "clients": "/clients/",
        "client page": f"/clients/{ids['client']}/",
        "shoots": "/shoots/",
        "calendar month": "/shoots/calendar/",
        "shoot page": f"/shoots/{ids['shoot']}/",
        "deliverables": "/deliverables/",
        "deliverables board": "/deliverables/board/",
        "tasks": "/tasks/",
        "task board": "/tasks/board/",
        "task page": f"/tasks/{ids['task']}/",
        "submissions": "/submissions/",
        "requests inbox": "/requests/",
        "team": "/team/",
    }


def _get(url: str, cookie: str) -> tuple[int, float]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        response.read()
        status = response.status
    return status, (time.perf_counter() - start) * 1000


def run(ctx) -> None:
    """Times every main dashboard page and prints p50 / p99 per page."""
    email = "team@localbzz.test"  # seed_demo's team login
    try:
        cookie = ctx.session_cookie(email)
    except Exception:  # noqa: BLE001 - a seed without that user: any team user will do
        email = ctx.users["team"]
        cookie = ctx.session_cookie(email)
    rows = []
    for name, path in _pages(_first_ids(ctx)).items():
        url = ctx.base_url + path
        for _ in range(WARMUP):
            _get(url, cookie)
        timings, bad = [], 0
        for _ in range(SAMPLES):
            status, ms = _get(url, cookie)
            bad += status != 200
            timings.append(ms)
        timings.sort()
        p50 = statistics.median(timings)
        p99 = timings[min(len(timings) - 1, round(0.99 * (len(timings) - 1)))]
        rows.append(
            {
                "page": name,
                "path": path if len(path) < 30 else path[:27] + "...",
                "p50_ms": round(p50, 1),
                "p99_ms": round(p99, 1),
                "non_200": bad,
                "ok": "yes" if p99 < TARGET_MS and not bad else "NO",
            }
        )
    ctx.report(f"Dashboard pages as {email} ({SAMPLES} sequential GETs each)", rows)
    if rows and hasattr(ctx, "figure"):
        slowest = max(rows, key=lambda row: row["p99_ms"])
        print(f"  slowest page at p99: {slowest['page']} ({slowest['p99_ms']} ms)")
        ctx.figure("page_p99_ms_max", slowest["p99_ms"], "ms", "< 100")
