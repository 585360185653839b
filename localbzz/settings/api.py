"""The REST API: DRF, JWT, throttles, the OpenAPI schema."""

from datetime import timedelta

from .base import *  # noqa: F403

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
#: how long (seconds) a list's total is kept in the cache, shared by every process; any save or
#: delete drops it. 0 turns it off.
API_COUNT_CACHE_SECONDS = env.float("API_COUNT_CACHE_SECONDS", default=2)
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
    "DESCRIPTION": (
        "REST API of the LocalBzz agency platform. Reference: [Swagger UI](/api/docs/) and "
        "[ReDoc](/api/redoc/); the OpenAPI schema at [/api/schema/](/api/schema/). The guides "
        "(webhooks, operations, privacy) are the repository's docs/ folder."
    ),
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
