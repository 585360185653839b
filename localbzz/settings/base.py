"""The environment, installed apps, database, cache, channel layer and Celery."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from localbzz.dev_keys import dev_key

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Environment ---------------------------------------------------------------------------
DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be development or production, not {DJANGO_ENV!r}.")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env.bool("DEBUG", default=not PRODUCTION)

if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if not SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random string of at least 50 characters when "
            "DJANGO_ENV=production (generate one with: python -c 'import secrets; "
            "print(secrets.token_urlsafe(64))')."
        )
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DJANGO_ENV=production.")
else:
    # Never a constant from the code: a random key per machine, kept in the git-ignored
    # .state/ folder (localbzz/dev_keys.py), unless the environment gives one.
    SECRET_KEY = env.str("SECRET_KEY", default="") or dev_key(BASE_DIR, "secret-key")
    ALLOWED_HOSTS = env.list(
        "ALLOWED_HOSTS", default=["localhost", ".localhost", "127.0.0.1", "testserver"]
    )

# --- Applications --------------------------------------------------------------------------
INSTALLED_APPS = [
    "daphne",  # ASGI runserver: HTTP and websockets in one development process
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "channels",
    "axes",
    "localbzz.accounts",
    "localbzz.events",
    "localbzz.audit",
    "clients",
    "team",
    "shoots",
    "deliverables",
    "tasks",
    "forms",
    "portal",
    "comments",
    "files",
    "dashboard",
    "batch",
    "calendars",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "localbzz.middleware.RequestIDMiddleware",
    "localbzz.api.middleware.APIVersionMiddleware",
    "localbzz.api.middleware.APIConditionalGetMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "portal.middleware.PortalHostMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "localbzz.accounts.timezones.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "localbzz.urls"
WSGI_APPLICATION = "localbzz.wsgi.application"
ASGI_APPLICATION = "localbzz.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "localbzz.context_processors.site",
                "localbzz.events.context_processors.notifications",
            ],
        },
    },
]

# --- Database ------------------------------------------------------------------------------
# SQLite by default; PostgreSQL (psycopg 3 with a connection pool) when DATABASE_URL is set.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASE_POOL = env.bool("DATABASE_POOL", default=True)
    if DATABASE_POOL:
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN", default=2),
            "max_size": env.int("DATABASE_POOL_MAX", default=20),
            "timeout": 10,
        }
        DATABASES["default"]["CONN_MAX_AGE"] = 0
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, Redis ----------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="localbzz"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Channels ------------------------------------------------------------------------------
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            # pubsub (default): one Redis message per group per process, fanned out locally,
            # at most once, which is what live updates promise; "core" for queued delivery.
            "BACKEND": {
                "pubsub": "channels_redis.pubsub.RedisPubSubChannelLayer",
                "core": "channels_redis.core.RedisChannelLayer",
            }[env.str("CHANNELS_REDIS_LAYER", default="pubsub")],
            "CONFIG": {
                # redis-py raises (does not wait) past max_connections: a burst of websocket
                # connects (every tab reconnecting after a deploy) needs room.
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "max_connections": env.int("CHANNELS_REDIS_MAX_CONNECTIONS", default=1000),
                    }
                ],
                "prefix": env.str("CHANNELS_PREFIX", default="localbzz"),
                "capacity": 1000,
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Celery --------------------------------------------------------------------------------
# Eager (inline) without a broker; a real worker on Redis when CELERY_BROKER_URL is set.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE: dict = {}
