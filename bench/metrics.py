"""Cost of the request instrumentation (``ops.middleware.RequestMetricsMiddleware``: the
Prometheus counters and histograms, the usage counters and the JSON request log line).

Called by ``bench/run.py`` (``make bench``). Two extra production servers on the bench
database: one instrumented as production runs it (``PROMETHEUS_MULTIPROC_DIR`` set, as in
compose and the manifests), one with ``REQUEST_METRICS=false``. wrk measures the same API
list on each in alternating rounds (median round); the figure is instrumented / bare
requests per second. Target: at least 0.95 (instrumentation costs under 5 %).
"""

from __future__ import annotations

import os
import tempfile

CONNECTIONS = 32
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
PATH = "/api/deliverables?page_size=50"


def _median(rounds: list[dict]) -> dict:
    return dict(sorted(rounds, key=lambda r: r["rps"])[len(rounds) // 2])


def run(ctx) -> None:
    auth = {"Authorization": f"Bearer {ctx.jwt(ctx.users['team'])}"}
    with tempfile.TemporaryDirectory() as metrics_dir:
        # the request log line written too (INFO, JSON; the servers' output is discarded)
        on_env = {
            "PROMETHEUS_MULTIPROC_DIR": metrics_dir,
            "LOG_FORMAT": "json",
            "LOG_LEVEL": "INFO",
        }
        off_env = {"REQUEST_METRICS": "false", "LOG_LEVEL": "INFO"}
        with ctx.server(**on_env) as on, ctx.server(**off_env) as off:
            for base in (on, off):  # warm-up
                ctx.wrk(base + PATH, headers=auth, duration=2, connections=CONNECTIONS)
            rounds = {"on": [], "off": []}
            for _ in range(ROUNDS):
                for name, base in (("on", on), ("off", off)):
                    rounds[name].append(
                        ctx.wrk(base + PATH, headers=auth, duration=DURATION,
                                connections=CONNECTIONS)
                    )  # fmt: skip
    on_r, off_r = _median(rounds["on"]), _median(rounds["off"])
    ratio = on_r["rps"] / off_r["rps"] if off_r["rps"] else 0.0
    ctx.report(
        f"request instrumentation, GET {PATH} (team, JWT)",
        [
            {"server": "instrumented", "rps": on_r["rps"], "p50 ms": on_r["p50_ms"],
             "p99 ms": on_r["p99_ms"], "non-2xx": on_r["non_2xx"]},
            {"server": "REQUEST_METRICS=false", "rps": off_r["rps"], "p50 ms": off_r["p50_ms"],
             "p99 ms": off_r["p99_ms"], "non-2xx": off_r["non_2xx"]},
        ],
    )  # fmt: skip
    print(f"instrumented / bare: {ratio:.2f} (target >= 0.95)")
    ctx.figure("metrics_overhead_ratio", ratio, "ratio", ">= 0.95")
