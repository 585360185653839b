"""Operations: release version, probes, metrics, JSON logs, Sentry and backups (DESIGN §10)."""

from django.core.exceptions import ImproperlyConfigured

from .api import SPECTACULAR_SETTINGS
from .files import *  # noqa: F403

#: the release (semantic version, CHANGELOG.md); shown by /health/live
LOCALBZZ_VERSION = "1.1.0"
SPECTACULAR_SETTINGS["VERSION"] = LOCALBZZ_VERSION  # the API schema's info.version

# Lists and dicts are changed in place, as the other settings modules do, so that the order
# of the modules in the package does not lose anyone's addition.
if "ops" not in INSTALLED_APPS:
    INSTALLED_APPS.append("ops")
# /health/* and /metrics are answered before host checks and HTTPS redirects (probes and
# scrapers reach a pod by its address, over plain HTTP); then every request is measured.
#: ``false`` drops the per-request instrumentation (metrics, usage counters, the request log
#: line): only for measuring its cost (``bench/metrics.py``)
REQUEST_METRICS = env.bool("REQUEST_METRICS", default=True)
if "ops.middleware.OpsEndpointsMiddleware" not in MIDDLEWARE:
    MIDDLEWARE.insert(0, "ops.middleware.OpsEndpointsMiddleware")
    if REQUEST_METRICS:
        MIDDLEWARE.insert(
            MIDDLEWARE.index("localbzz.middleware.RequestIDMiddleware") + 1,
            "ops.middleware.RequestMetricsMiddleware",
        )

# --- Probes ----------------------------------------------------------------------------------
#: seconds each readiness check may take before it counts as failed
HEALTH_CHECK_TIMEOUT = env.float("HEALTH_CHECK_TIMEOUT", default=3.0)

# --- Metrics ---------------------------------------------------------------------------------
#: /metrics answers only ``Authorization: Bearer <METRICS_TOKEN>``; unset: no /metrics (404)
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
if PRODUCTION and METRICS_TOKEN and len(METRICS_TOKEN) < 32:
    raise ImproperlyConfigured(
        "METRICS_TOKEN must be at least 32 characters in production (or empty: no /metrics)."
    )

# --- Logs ------------------------------------------------------------------------------------
#: ``plain`` (development default) or ``json`` (one object per line; production default)
LOG_FORMAT = env.str("LOG_FORMAT", default="json" if PRODUCTION else "plain")
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}.")
LOGGING["filters"] = {"request": {"()": "ops.logs.RequestContextFilter"}}
LOGGING["formatters"].update(
    {
        "json": {
            "()": "ops.logs.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    }
)
LOGGING["handlers"]["console"].update(
    {"formatter": "json" if LOG_FORMAT == "json" else "plain", "filters": ["request"]}
)
# Celery workers log through the same handler (JSON, with the request id of a task)
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# one line per request (route, status, duration, request and user ids)
LOGGING["loggers"]["localbzz.requests"] = {"level": env.str("REQUEST_LOG_LEVEL", default=LOG_LEVEL)}
# the development server's own access line would repeat that one (each request logged twice
# under `make run`): it keeps only its errors
for _server_log in ("django.channels.server", "django.server"):
    LOGGING["loggers"][_server_log] = {"level": "ERROR"}

# --- Errors ----------------------------------------------------------------------------------
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default=DJANGO_ENV)
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0)
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=SENTRY_ENVIRONMENT,
        release=f"localbzz@{LOCALBZZ_VERSION}",
        integrations=[DjangoIntegration(), CeleryIntegration()],
        # no cookies, headers with credentials, IP addresses or user e-mails; no bodies
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
    )

# --- Usage statistics ------------------------------------------------------------------------
#: seconds between flushes of the usage counters (Redis) into daily rows
USAGE_FLUSH_SECONDS = env.int("USAGE_FLUSH_SECONDS", default=300)
CELERY_BEAT_SCHEDULE["ops-flush-usage"] = {
    "task": "ops.jobs.flush_usage",
    "schedule": USAGE_FLUSH_SECONDS,
}

# --- Backups ---------------------------------------------------------------------------------
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")
#: backups kept by ``manage.py backup`` (older ones are deleted after a new one succeeds)
BACKUP_RETENTION = env.int("BACKUP_RETENTION", default=7)

# --- Read replica (localbzz/db_router.py) ----------------------------------------------------
#: a PostgreSQL streaming replica: safe reads of lists, exports and reports go there
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
#: seconds a caller who wrote keeps reading the primary (longer than the replica's lag)
REPLICA_STICKY_SECONDS = env.int("REPLICA_STICKY_SECONDS", default=10)
#: route names (fnmatch patterns; ``!`` excludes) whose GETs may read the replica. Events stay
#: on the primary: a live page catches up through /api/events right after a push.
REPLICA_READ_ROUTES = env.list(
    "REPLICA_READ_ROUTES",
    default=["api:*-list", "api:*-export", "api:usage", "*:list", "ops:usage", "audit:log",
             "!api:event-list", "!api:notification-list"],
)  # fmt: skip
#: models whose writes do not send the rest of a request to the primary (a request's own
#: bookkeeping: an API key's last use and its daily audit line, a session)
REPLICA_BOOKKEEPING_MODELS = env.list(
    "REPLICA_BOOKKEEPING_MODELS",
    default=["accounts.ApiKey", "audit.AuditEntry", "sessions.Session"],
)
if DATABASE_REPLICA_URL:
    _replica = env.db_url_config(DATABASE_REPLICA_URL)
    for _key in ("OPTIONS", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS"):
        if _key in DATABASES["default"] and _key not in _replica:
            _replica[_key] = DATABASES["default"][_key]
    # the test runner points the alias at the test database instead of creating another
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["localbzz.db_router.ReplicaRouter"]
    if "localbzz.db_router.ReplicaMiddleware" not in MIDDLEWARE:
        MIDDLEWARE.append("localbzz.db_router.ReplicaMiddleware")
