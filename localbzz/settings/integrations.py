"""The portal, webhooks, files, Google Drive and e-mail."""

from datetime import timedelta

from .base import *  # noqa: F403

# --- Portal --------------------------------------------------------------------------------
PORTAL_BASE_DOMAIN = env.str("PORTAL_BASE_DOMAIN", default="localhost")
RESERVED_SUBDOMAINS = ["www", "api", "admin", "portal", "static", "media", "app", "mail", "ws"]
# Scheme and port of the portal links sent by e-mail when no request says them (invites).
PORTAL_PUBLIC_SCHEME = env.str("PORTAL_PUBLIC_SCHEME", default="https" if PRODUCTION else "http")
PORTAL_PUBLIC_PORT = env.str("PORTAL_PUBLIC_PORT", default="" if PRODUCTION else "8000")
#: the dashboard's canonical address: e-mailed links (password reset) are built on it, never
#: on the request's Host header; production defaults to https:// + the first plain host
SITE_URL = env.str("SITE_URL", default="").rstrip("/") or (
    f"https://{next((h for h in ALLOWED_HOSTS if h[:1] not in ('.', '*')), 'localhost')}"
    if PRODUCTION
    else "http://localhost:8000"
)

# --- Webhooks ------------------------------------------------------------------------------
WEBHOOK_ALLOW_PRIVATE_TARGETS = env.bool("WEBHOOK_ALLOW_PRIVATE_TARGETS", default=not PRODUCTION)
WEBHOOK_CONNECT_TIMEOUT = env.float("WEBHOOK_CONNECT_TIMEOUT", default=5.0)
WEBHOOK_READ_TIMEOUT = env.float("WEBHOOK_READ_TIMEOUT", default=10.0)
# Ports a webhook URL may use (any port when WEBHOOK_ALLOW_PRIVATE_TARGETS is on)
WEBHOOK_ALLOWED_PORTS = env.list("WEBHOOK_ALLOWED_PORTS", cast=int, default=[80, 443])
# After a secret rotation, deliveries carry a signature with the previous secret too this long
WEBHOOK_SECRET_GRACE = timedelta(hours=env.float("WEBHOOK_SECRET_GRACE_HOURS", default=24.0))
# Seconds to wait after the 1st, 2nd, ... failed attempt; after the last one a delivery fails.
WEBHOOK_RETRY_SCHEDULE = env.list(
    "WEBHOOK_RETRY_SCHEDULE", cast=float, default=[5, 300, 1800, 7200, 18000, 36000, 36000]
)
# Retries this short are queued with a countdown; longer ones wait for the sweep.
WEBHOOK_SHORT_RETRY_MAX = env.float("WEBHOOK_SHORT_RETRY_MAX", default=60.0)
# An endpoint with no successful delivery for this long (while failing) is disabled.
WEBHOOK_DISABLE_AFTER = timedelta(hours=env.float("WEBHOOK_DISABLE_AFTER_HOURS", default=72.0))
WEBHOOK_SWEEP_LEASE = env.float("WEBHOOK_SWEEP_LEASE", default=60.0)
WEBHOOK_SWEEP_BATCH = env.int("WEBHOOK_SWEEP_BATCH", default=1000)
EVENTS_SWEEP_SECONDS = env.float("EVENTS_SWEEP_SECONDS", default=10.0)
EVENTS_DISPATCH_GRACE = env.float("EVENTS_DISPATCH_GRACE", default=5.0)
# A live connection re-reads its user's account at most this often (deactivation, role).
LIVE_RECHECK_SECONDS = env.float("LIVE_RECHECK_SECONDS", default=60.0)
# Celery queue of the events jobs; empty means Celery's default queue.
EVENTS_QUEUE = env.str("EVENTS_QUEUE", default="")
CELERY_BEAT_SCHEDULE["events-sweep"] = {
    "task": "localbzz.events.jobs.sweep_events",
    "schedule": EVENTS_SWEEP_SECONDS,
    "options": {"queue": EVENTS_QUEUE} if EVENTS_QUEUE else {},
}

# --- Files ---------------------------------------------------------------------------------
# Hashed, compressed names in production (whitenoise: "Cache-Control: max-age=315360000,
# public, immutable" on them); an absolute URL serves them from a CDN that pulls from /static/.
STATIC_URL = env.str("STATIC_URL", default="/static/")
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGE_BACKEND = env.str("STORAGE_BACKEND", default="local")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=10 * 1024 * 1024)

# --- Google Drive (optional) ---------------------------------------------------------------
GOOGLE_SERVICE_ACCOUNT_FILE = env.str("GOOGLE_SERVICE_ACCOUNT_FILE", default="")

# --- E-mail --------------------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="LocalBzz <hello@localbzz.test>")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
