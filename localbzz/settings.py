"""LocalBzz settings.

Every value comes from the environment through django-environ; ``.env.example`` lists each
one with its default. Nothing else in the code base reads ``os.environ``.

``DJANGO_ENV`` is ``development`` (default) or ``production``; tests use
``localbzz.test_settings``, which imports these and overrides a few. Production has no
unsafe defaults: it refuses to start without ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from localbzz.dev_keys import dev_key

BASE_DIR = Path(__file__).resolve().parent.parent

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
    "dashboard",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "localbzz.middleware.RequestIDMiddleware",
    "localbzz.api.middleware.APIVersionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "portal.middleware.PortalHostMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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

# --- Authentication ------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "localbzz.accounts.backends.EmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
# Failures count per account and address together on every sign-in surface: the e-mail is
# read from ``username`` (dashboard, portal, admin) or ``email`` (POST /api/auth/token).
AXES_USERNAME_CALLABLE = "localbzz.accounts.lockout.axes_username"
AXES_CLIENT_IP_CALLABLE = "localbzz.net.client_ip"
# A refused attempt during a lock-out does not restart the cool-off (Retry-After holds).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
#: how many proxies stand in front and append to X-Forwarded-For (localbzz/net.py): 0 on
#: the embedded server (REMOTE_ADDR, the header ignored), 1 behind deploy/nginx.conf
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
#: password-reset e-mails per client address and per account, each per hour
PASSWORD_RESET_LIMIT_PER_ADDRESS = env.int("PASSWORD_RESET_LIMIT_PER_ADDRESS", default=10)
PASSWORD_RESET_LIMIT_PER_ACCOUNT = env.int("PASSWORD_RESET_LIMIT_PER_ACCOUNT", default=3)

# --- REST API ------------------------------------------------------------------------------
API_VERSION = "1"
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # simplejwt's, with the user row reused on reads for JWT_USER_CACHE_SECONDS
        "localbzz.api.authentication.CachedUserJWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "localbzz.api.pagination.Pagination",
    "DEFAULT_RENDERER_CLASSES": ["localbzz.api.renderers.ORJSONRenderer"],
    # JSON only: the API takes no forms (the HTML pages post to Django views), so any other
    # content type answers 415.
    "DEFAULT_PARSER_CLASSES": ["localbzz.api.parsers.ORJSONParser"],
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.AcceptHeaderVersioning",
    "DEFAULT_VERSION": API_VERSION,
    "ALLOWED_VERSIONS": [API_VERSION],
    "EXCEPTION_HANDLER": "localbzz.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "localbzz.api.throttling.AnonRateThrottle",
        "localbzz.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="60/minute"),
        "user": env.str("THROTTLE_USER", default="1200/minute"),
        "form_submission": env.str("THROTTLE_FORM_SUBMISSION", default="10/hour"),
        # per address on /api/auth/*: room for 20 failures of others and a real sign-in
        "auth": env.str("THROTTLE_AUTH", default="30/minute"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": False,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
#: how long (seconds) a process reuses a JWT user's row on reads; a deactivated user loses read
#: access within this time (writes and the saving process: at once). 0 turns the cache off.
JWT_USER_CACHE_SECONDS = env.float("JWT_USER_CACHE_SECONDS", default=5)
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_ACCESS_MINUTES", default=15)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("JWT_REFRESH_DAYS", default=7)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,
    # production: SECRET_KEY from the environment; development: a per-machine generated key
    "SIGNING_KEY": env.str("JWT_SIGNING_KEY", default="")
    or (SECRET_KEY if PRODUCTION else dev_key(BASE_DIR, "jwt-dev-key")),
    "AUTH_HEADER_TYPES": ("Bearer",),
    # Every token carries a digest of the password hash, compared on each request: a password
    # change or reset ends every earlier access and refresh token (localbzz/accounts/revocation.py)
    "CHECK_REVOKE_TOKEN": True,
    "TOKEN_OBTAIN_SERIALIZER": "localbzz.accounts.api.tokens.TokenObtainPairSerializer",
    "TOKEN_REFRESH_SERIALIZER": "localbzz.accounts.api.tokens.TokenRefreshSerializer",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "LocalBzz API",
    "DESCRIPTION": "REST API of the LocalBzz agency platform. See /docs/ for the guides.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api",
    "SCHEMA_PATH_PREFIX_TRIM": False,
    "PREPROCESSING_HOOKS": ["localbzz.api.schema.preprocess"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "localbzz.api.schema.postprocess",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ClientStatusEnum": "clients.models.ClientStatus",
        "ShootFrequencyEnum": "clients.models.ShootFrequency",
        "ContactMethodEnum": "clients.models.ContactMethod",
        "TeamRoleEnum": "team.models.RoleName",
        "ShootStatusEnum": "shoots.models.ShootStatus",
        "DeliverableTypeEnum": "deliverables.models.DeliverableType",
        "DeliverableStatusEnum": "deliverables.models.DeliverableStatus",
        "ReviewDecisionEnum": "deliverables.models.ReviewDecision",
        "TaskStatusEnum": "tasks.models.TaskStatus",
        "TaskPriorityEnum": "tasks.models.TaskPriority",
        "ApprovalStatusEnum": "forms.models.ApprovalStatus",
        "RequestTypeEnum": "portal.models.RequestType",
        "RequestPriorityEnum": "portal.models.RequestPriority",
        "RequestTopicEnum": "portal.models.RequestTopic",
        "RequestStatusEnum": "portal.models.RequestStatus",
        "UserRoleEnum": "localbzz.accounts.models.Role",
    },
}
# A refused CSRF check under /api/ answers the JSON error body, HTML pages keep Django's page.
CSRF_FAILURE_VIEW = "localbzz.api.errors.csrf_failure"
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"

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
STATIC_URL = "/static/"
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
MAX_ATTACHMENT_SIZE = env.int("MAX_ATTACHMENT_SIZE", default=25 * 1024 * 1024)

# --- Google Drive (optional) ---------------------------------------------------------------
GOOGLE_SERVICE_ACCOUNT_FILE = env.str("GOOGLE_SERVICE_ACCOUNT_FILE", default="")

# --- E-mail --------------------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="LocalBzz <hello@localbzz.test>")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)

# --- Security ------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
# Host-only cookies: a session on acme.localhost is never sent to other.localhost.
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'", "ws:", "wss:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Internationalisation ------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Logging -------------------------------------------------------------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's own loggers propagate to the root handler whatever the root's level, so the
    # level is set on them too: LOG_LEVEL=ERROR really silences 4xx warnings (tests, CI).
    "loggers": {
        "django": {"level": LOG_LEVEL},
        "django.request": {"level": LOG_LEVEL},
        "django.security": {"level": LOG_LEVEL},
        "django.db.backends": {"level": "WARNING"},
    },
}
