# ruff: noqa: S603, S607  (a benchmark driver runs local programs by design)
"""``make bench``: the production server on PostgreSQL with demo data, then every benchmark.

What it does:
1. creates (drops first) the PostgreSQL database ``localbzz_bench`` on
   ``postgres://postgres@127.0.0.1:5432`` (override with ``BENCH_DATABASE_URL``), migrates it and
   runs ``seed_demo --scale 20`` (``BENCH_SCALE``);
2. starts the production server as the Dockerfile does (``gunicorn --config
   deploy/gunicorn.conf.py localbzz.wsgi:application``: WSGI, 2 x cores + 1 workers) with
   ``DJANGO_ENV=production``, ``DEBUG`` off, a generated ``SECRET_KEY``,
   ``ALLOWED_HOSTS=127.0.0.1,localhost``, ``SECURE_SSL_REDIRECT=false``, on a free port;
3. imports each module ``bench/<name>.py`` (other than ``run.py``) that defines ``run(ctx)``
   and calls it, in name order; a module that raises is reported and the others still run;
4. stops the server.

The ``ctx`` every benchmark module receives (``BenchContext``):

- ``ctx.base_url``: ``"http://127.0.0.1:<port>"`` (no trailing slash);
- ``ctx.env``: the environment dict the server runs with (``DATABASE_URL`` among it); use it to
  run ``manage.py`` commands against the same database (``ctx.manage("shell", "-c", ...)``);
- ``ctx.jwt(email)``: a fresh JWT access token for an existing user (no password needed);
- ``ctx.session_cookie(email)``: ``"sessionid=<key>"`` for a signed-in session of that user;
- ``ctx.users``: ``{"admin": email, "team": email, "client": email}``, one user of each role;
- ``ctx.manage(*args)``: runs ``manage.py`` with the bench environment, returns its stdout;
- ``ctx.wrk(url, headers=None, duration=10, connections=32, threads=2)``: runs wrk and returns
  ``{"rps": float, "p50_ms": float, "p99_ms": float, "errors": int, "non_2xx": int}``;
- ``ctx.report(title, rows)``: prints a table (rows are dicts with the same keys);
- ``ctx.server(**env)``: a context manager running a second server with extra environment
  (e.g. ``REDIS_URL``), yielding its base URL;
- ``ctx.figure(measure, value, unit, target)``: records a headline figure; at the end every
  figure is printed next to its target and written to ``bench/last.json`` (git-ignored) as a
  list of ``{"measure", "value", "unit", "target", "load"}``, so runs can be compared by a
  program. ``target`` is a string such as ``"< 50"`` or ``">= 0.85"``. The headline measures:
  ``live_p99_ms``, ``live_p99_ms_1000``, ``webhook_deliveries_per_s``, ``write_p99_ms``,
  ``page_p99_ms_max`` and ``api_list_ratio_min`` (the lowest API / baseline ratio of
  ``bench/api.py``; written as ``null`` when no module reported it).

Run a single module with ``bench/run.py api`` (names without ``.py``).
"""

from __future__ import annotations

import base64
import contextlib
import importlib.util
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import traceback
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
DB_NAME = "localbzz_bench"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _parse_ms(text: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s)", text)
    if not match:
        return float("nan")
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


class BenchContext:
    """What a benchmark module gets: the server's address, the users, helpers."""

    def __init__(self, base_url: str, env: dict, users: dict):
        self.base_url = base_url
        self.env = env
        self.users = users
        self._tokens: dict[str, str] = {}
        self.figures: list[dict] = []

    @contextlib.contextmanager
    def server(self, **env):
        """A second production server with extra environment (``REDIS_URL`` ...): yields
        its base URL and stops it afterwards."""
        port = _free_port()
        with _server({**self.env, **env}, port):
            yield f"http://127.0.0.1:{port}"

    def figure(self, measure: str, value, unit: str, target: str) -> None:
        """Records one headline figure with the load average at the time it was taken."""
        value = round(value, 2) if isinstance(value, float) else value
        self.figures.append(
            {"measure": measure, "value": value, "unit": unit, "target": target, "load": _load()}
        )

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [PY, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout

    def jwt(self, email: str) -> str:
        if email not in self._tokens:
            code = (
                "from rest_framework_simplejwt.tokens import RefreshToken;"
                "from localbzz.accounts.models import User;"
                f"print(RefreshToken.for_user(User.objects.get(email={email!r})).access_token)"
            )
            self._tokens[email] = self.manage("shell", "-c", code).strip().splitlines()[-1]
        return self._tokens[email]

    def session_cookie(self, email: str) -> str:
        code = (
            "from importlib import import_module;from django.conf import settings;"
            "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY;"
            "from localbzz.accounts.models import User;"
            f"u = User.objects.get(email={email!r});"
            "s = import_module(settings.SESSION_ENGINE).SessionStore();"
            "s[SESSION_KEY] = str(u.pk);"
            "s[BACKEND_SESSION_KEY] = 'localbzz.accounts.backends.EmailBackend';"
            "s[HASH_SESSION_KEY] = u.get_session_auth_hash();"
            "s.create();print(s.session_key)"
        )
        key = self.manage("shell", "-c", code).strip().splitlines()[-1]
        return f"sessionid={key}"

    def wrk(
        self,
        url: str,
        headers: dict | None = None,
        duration: int = 10,
        connections: int = 32,
        threads: int = 2,
    ) -> dict:
        cmd = ["wrk", "--latency", f"-t{threads}", f"-c{connections}", f"-d{duration}s"]
        for name, value in (headers or {}).items():
            cmd += ["-H", f"{name}: {value}"]
        cmd.append(url if url.startswith("http") else self.base_url + url)
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        result = {"rps": 0.0, "p50_ms": float("nan"), "p99_ms": float("nan")}
        result.update(errors=0, non_2xx=0)
        for line in out.splitlines():
            line = line.strip()
            if line.startswith("Requests/sec:"):
                result["rps"] = float(line.split()[1])
            elif line.startswith("50%"):
                result["p50_ms"] = _parse_ms(line.split()[1])
            elif line.startswith("99%"):
                result["p99_ms"] = _parse_ms(line.split()[1])
            elif line.startswith("Non-2xx"):
                result["non_2xx"] = int(line.split()[-1])
            elif line.startswith("Socket errors"):
                result["errors"] = sum(int(n) for n in re.findall(r"\d+", line))
        return result

    def report(self, title: str, rows: list[dict]) -> None:
        print(f"\n== {title}")
        if not rows:
            return
        keys = list(rows[0])
        widths = {k: max(len(k), *(len(_fmt(r.get(k))) for r in rows)) for k in keys}
        print("  ".join(k.ljust(widths[k]) for k in keys))
        for row in rows:
            print("  ".join(_fmt(row.get(k)).ljust(widths[k]) for k in keys))


def _load() -> str:
    """The machine's 1, 5 and 15 minute load averages (other work shares the cores)."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


#: headline measures every run writes, even when the module that measures it did not run
HEADLINE = {
    "api_list_ratio_min": ("ratio", ">= 0.85"),
    "live_p99_ms": ("ms", "< 50"),
    "live_p99_ms_1000": ("ms", "< 100"),
    "webhook_deliveries_per_s": ("1/s", ">= 300"),
    "write_p99_ms": ("ms", "< 200"),
    "page_p99_ms_max": ("ms", "< 100"),
}


def _met(value, target: str) -> str:
    if not isinstance(value, int | float):
        return "-"
    op, _, bound = target.partition(" ")
    try:
        limit = float(bound)
    except ValueError:
        return "-"  # a note such as "(total)", not a bound
    ops = {"<": value < limit, "<=": value <= limit, ">": value > limit, ">=": value >= limit}
    return ("yes" if ops[op] else "NO") if op in ops else "-"


def write_figures(ctx: BenchContext, path: Path) -> None:
    """Prints every headline figure next to its target and writes ``bench/last.json``."""
    figures = list(ctx.figures)
    seen = {f["measure"] for f in figures}
    for measure, (unit, target) in HEADLINE.items():
        if measure not in seen:
            figures.append(
                {"measure": measure, "value": None, "unit": unit, "target": target, "load": ""}
            )
    path.write_text(json.dumps(figures, indent=2) + "\n")
    rows = [{**f, "met": _met(f["value"], f["target"])} for f in figures]
    ctx.report(f"Headline figures (load average now {_load()}; written to {path.name})", rows)


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _psql(sql: str) -> None:
    subprocess.run(
        ["psql", f"{PG_SERVER}/postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
        check=True,
        capture_output=True,
    )


def _psql_db(name: str, sql: str) -> None:
    subprocess.run(
        ["psql", f"{PG_SERVER}/{name}", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
        check=True,
        capture_output=True,
    )


def _bench_env(db_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CELERY_BROKER_URL"}}
    env.update(
        DJANGO_ENV="production",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        # A database kept between runs (BENCH_DATABASE_URL) needs the keys it was seeded with.
        FIELD_ENCRYPTION_KEYS=os.environ.get("BENCH_FIELD_ENCRYPTION_KEYS")
        or base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        FIELD_HASH_KEY=os.environ.get("BENCH_FIELD_HASH_KEY") or secrets.token_urlsafe(32),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=db_url,
        # the product's settings plus the baseline view's route (bench/server/settings.py)
        DJANGO_SETTINGS_MODULE="bench.server.settings",
        THROTTLE_USER="100000000/minute",
        THROTTLE_ANON="100000000/minute",
        LOG_LEVEL="WARNING",
    )
    return env


def _setup_database(env: dict) -> None:
    if "BENCH_DATABASE_URL" not in os.environ:
        _psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        _psql(f"CREATE DATABASE {DB_NAME}")
    run = {"cwd": ROOT, "env": env, "check": True}
    # First: with the production storage, importing the URLconf (migrate's checks) needs the
    # static manifest (localbzz/urls.py names static("favicon.svg")).
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], **run)
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], **run)
    scale = os.environ.get("BENCH_SCALE", "20")
    subprocess.run([PY, "manage.py", "seed_demo", "--scale", scale], **run, capture_output=True)
    if "BENCH_DATABASE_URL" not in os.environ:
        # Steady state as autovacuum leaves it: statistics and visibility map after the bulk load.
        _psql_db(DB_NAME, "VACUUM ANALYZE")


def _ensure_users(ctx_env: dict) -> dict:
    """One user per role (seed_demo's when it has them, else made here)."""
    code = """
from localbzz.accounts.models import Role, User
from clients.models import Client
from team.models import TeamMember
def pick(role, **kw):
    u = User.objects.filter(role=role, is_active=True, **kw).order_by("email").first()
    if u is None:
        extra = {}
        if role == Role.CLIENT:
            extra["client"] = Client.objects.order_by("name").first()
        if role == Role.TEAM:
            extra["team_member"] = TeamMember.objects.filter(user__isnull=True).first()
        u = User.objects.create_user(email=f"bench-{role}@localbzz.test", role=role,
                                     password=None, **extra)
    return u.email
print(pick(Role.ADMIN), pick(Role.TEAM), pick(Role.CLIENT))
"""
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=ctx_env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    admin, team, client = out.strip().splitlines()[-1].split()
    return {"admin": admin, "team": team, "client": client}


@contextlib.contextmanager
def _server(env: dict, port: int):
    config = ROOT / "deploy" / "gunicorn.conf.py"
    if config.exists():
        # Exactly the Dockerfile's command; only the bind address comes from the environment.
        env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
        cmd = [GUNICORN, "--config", str(config), "localbzz.wsgi:application"]
    else:
        workers = os.environ.get("BENCH_WORKERS", str(max(2, (os.cpu_count() or 2) * 2)))
        cmd = [GUNICORN, "localbzz.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        cmd += ["--workers", workers, "--access-logfile", "-", "--log-level", "warning"]
    # The access log is written as in production, to a pipe nobody reads on screen.
    quiet = None if os.environ.get("BENCH_ACCESS_LOG") else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=quiet, stderr=quiet)
    try:
        # /health/live: the schema took more than the 2 s timeout on a loaded machine
        url = f"http://127.0.0.1:{port}/health/live"
        for _ in range(300):
            try:
                urllib.request.urlopen(url, timeout=5)  # noqa: S310
                break
            except OSError as exc:
                if getattr(exc, "code", None):  # an HTTP error: the server answers
                    break
                time.sleep(0.2)
        else:
            raise RuntimeError("the server did not start")
        yield
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        if proc.poll() is None:
            proc.kill()


def _modules(names: list[str]):
    here = Path(__file__).resolve().parent
    for path in sorted(here.glob("*.py")):
        if path.stem in {"run", "__init__"} or (names and path.stem not in names):
            continue
        spec = importlib.util.spec_from_file_location(f"bench_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if callable(getattr(module, "run", None)):
            yield path.stem, module


def main(argv: list[str]) -> int:
    db_url = os.environ.get("BENCH_DATABASE_URL", f"{PG_SERVER}/{DB_NAME}")
    env = _bench_env(db_url)
    print(f"bench: database {db_url}, seed_demo --scale {os.environ.get('BENCH_SCALE', '20')}")
    _setup_database(env)
    users = _ensure_users(env)
    port = _free_port()
    ctx = BenchContext(f"http://127.0.0.1:{port}", env, users)
    failed = []
    print(f"bench: load average {_load()}")
    with _server(env, port):
        print(f"bench: gunicorn (WSGI, production settings) on {ctx.base_url}")
        for name, module in _modules(argv):
            print(f"\n### bench/{name}.py")
            try:
                module.run(ctx)
            except Exception:  # noqa: BLE001 - one failing module must not hide the others
                traceback.print_exc()
                failed.append(name)
            print(f"bench: load average after {name}: {_load()}")
    write_figures(ctx, ROOT / "bench" / "last.json")
    if failed:
        print(f"\nbench: modules failed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
