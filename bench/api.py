"""REST API throughput: list endpoints as a team user next to a plain-Django baseline.

Called by ``bench/run.py`` (``make bench``): gunicorn (WSGI, production settings) on
PostgreSQL with ``seed_demo --scale 20``. For each endpoint, wrk at 32 connections measures
requests per second and p50 / p99 latency of

- the API (JWT bearer auth, policy permission, filters, pagination with ``count``), and
- the baseline: a plain Django view returning the same page from one ``.values()`` query
  encoded with orjson (``bench/server/baseline.py``, routed only by the bench's URLconf),

measured in the same run (alternating rounds, median), and prints API / baseline.
Target: at least 0.8.
"""

from __future__ import annotations

import json
import os
import urllib.request

CONNECTIONS = 32
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
TARGET = 0.8


def _median(rounds: list[dict]) -> dict:
    """The round with the median requests per second (with its own latencies)."""
    ordered = sorted(rounds, key=lambda r: r["rps"])
    result = dict(ordered[len(ordered) // 2])
    result["non_2xx"] = sum(r["non_2xx"] for r in rounds)
    return result


def _busiest_client(ctx) -> str:
    code = (
        "from django.db.models import Count;from clients.models import Client;"
        "print(Client.objects.annotate(n=Count('deliverables')).order_by('-n')"
        ".values_list('pk', flat=True).first())"
    )
    return ctx.manage("shell", "-c", code).strip().splitlines()[-1]


def _check(ctx, path: str, headers: dict) -> int:
    request = urllib.request.Request(ctx.base_url + path, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        body = json.loads(response.read())
    return len(body["results"])


def run(ctx) -> None:
    token = ctx.jwt(ctx.users["team"])
    auth = {"Authorization": f"Bearer {token}"}
    client_id = _busiest_client(ctx)
    cases = [
        (
            "GET /api/deliverables?page_size=50",
            "/api/deliverables?page_size=50",
            "/api/bench/baseline/deliverables",
        ),
        (
            "GET /api/clients/:id/deliverables",
            f"/api/clients/{client_id}/deliverables",
            f"/api/bench/baseline/deliverables?client_id={client_id}",
        ),
    ]
    rows = []
    for title, api_path, base_path in cases:
        n_api = _check(ctx, api_path, auth)
        n_base = _check(ctx, base_path, {})
        ctx.wrk(api_path, headers=auth, duration=2, connections=CONNECTIONS)  # warm-up
        ctx.wrk(base_path, duration=2, connections=CONNECTIONS)
        # Alternate API and baseline rounds and keep the median round of each: the machine's
        # other load then weighs on both sides alike.
        api_rounds, base_rounds = [], []
        for _ in range(ROUNDS):
            api_rounds.append(
                ctx.wrk(api_path, headers=auth, duration=DURATION, connections=CONNECTIONS)
            )
            base_rounds.append(ctx.wrk(base_path, duration=DURATION, connections=CONNECTIONS))
        api, base = _median(api_rounds), _median(base_rounds)
        ratio = api["rps"] / base["rps"] if base["rps"] else 0.0
        rows.append(
            {
                "endpoint": title,
                "rows": n_api,
                "api rps": api["rps"],
                "api p50 ms": api["p50_ms"],
                "api p99 ms": api["p99_ms"],
                "base rows": n_base,
                "base rps": base["rps"],
                "base p50 ms": base["p50_ms"],
                "base p99 ms": base["p99_ms"],
                "ratio": ratio,
                "non-2xx": api["non_2xx"] + base["non_2xx"],
                "target": "ok" if ratio >= TARGET else f"below {TARGET}",
            }
        )
    ctx.figure("api_list_ratio_min", min(row["ratio"] for row in rows), "ratio", ">= 0.85")
    ctx.report(
        f"REST API vs plain Django view (wrk, {CONNECTIONS} connections, median of {ROUNDS} "
        f"alternating {DURATION} s rounds)",
        rows,
    )
