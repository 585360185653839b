"""Test settings: the real settings with the few overrides a test run needs."""

from .settings import *  # noqa: F403
from .settings import PASSWORD_HASHERS, REST_FRAMEWORK

DEBUG = False
# Hashing speed only; production always hashes with Argon2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WEBHOOK_ALLOW_PRIVATE_TARGETS = True
# Tests share one process cache and roll rows back without signals: no kept list totals
# (localbzz/api/tests/test_api_lean_paths.py turns them on where it tests them).
API_COUNT_CACHE_SECONDS = 0
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {
        **REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
        "anon": "10000/minute",
        "user": "100000/minute",
    },
}
