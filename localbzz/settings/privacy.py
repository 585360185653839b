"""Data protection (DESIGN.md §9): API keys, the audit trail, privacy, retention."""

import base64
import hashlib

from celery.schedules import crontab

from .api import *  # noqa: F403
from .files import *  # noqa: F403

# --- API keys --------------------------------------------------------------------------------
# ``Authorization: Api-Key <key>`` after the JWT (whose ``Bearer`` challenge 401s announce)
_API_KEY_AUTH = "localbzz.accounts.api_keys.ApiKeyAuthentication"
if _API_KEY_AUTH not in REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]:  # noqa: F405
    REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"].insert(1, _API_KEY_AUTH)  # noqa: F405
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]["ApiKeyRoleEnum"] = ["team", "admin"]  # noqa: F405

# --- Audit trail -----------------------------------------------------------------------------
# The key of the audit chain's HMAC (kept out of the database); empty: SECRET_KEY. Set it on
# its own to rotate SECRET_KEY without breaking the verification of older entries.
AUDIT_CHAIN_KEY = env.str("AUDIT_CHAIN_KEY", default="")  # noqa: F405
# request id, address and surface of each entry: right after the request id is set
_AUDIT_MW = "localbzz.audit.context.AuditContextMiddleware"
if _AUDIT_MW not in MIDDLEWARE:  # noqa: F405
    MIDDLEWARE.insert(MIDDLEWARE.index("localbzz.middleware.RequestIDMiddleware") + 1, _AUDIT_MW)  # noqa: F405

# --- Encryption at rest ---------------------------------------------------------------------
# Fernet keys (comma-separated): the first encrypts, every one decrypts; after adding a new
# key first, ``manage.py rotate_encryption_keys`` re-encrypts the rows. Production refuses to
# start without keys; development generates one per checkout into .state/ (git-ignored).
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])  # noqa: F405
# The key of the keyed hashes (exact e-mail lookups); never rotated with the Fernet keys.
FIELD_HASH_KEY = env.str("FIELD_HASH_KEY", default="")  # noqa: F405
if not FIELD_ENCRYPTION_KEYS or not FIELD_HASH_KEY:
    if PRODUCTION:  # noqa: F405
        raise ImproperlyConfigured(  # noqa: F405
            "Set FIELD_ENCRYPTION_KEYS and FIELD_HASH_KEY: contact data is encrypted at rest."
        )
    FIELD_ENCRYPTION_KEYS = FIELD_ENCRYPTION_KEYS or [
        base64.urlsafe_b64encode(
            hashlib.sha256(dev_key(BASE_DIR, "field-encryption-key").encode()).digest()  # noqa: F405
        ).decode()
    ]
    FIELD_HASH_KEY = FIELD_HASH_KEY or dev_key(BASE_DIR, "field-hash-key")  # noqa: F405

# --- Retention (days; 0 keeps forever), enforced nightly by localbzz.audit.jobs -------------
RETENTION_REJECTED_LEADS_DAYS = env.int("RETENTION_REJECTED_LEADS_DAYS", default=365)  # noqa: F405
RETENTION_WEBHOOK_ATTEMPTS_DAYS = env.int("RETENTION_WEBHOOK_ATTEMPTS_DAYS", default=30)  # noqa: F405
RETENTION_EVENTS_DAYS = env.int("RETENTION_EVENTS_DAYS", default=365)  # noqa: F405
RETENTION_NOTIFICATIONS_DAYS = env.int("RETENTION_NOTIFICATIONS_DAYS", default=90)  # noqa: F405
RETENTION_AUDIT_DAYS = env.int("RETENTION_AUDIT_DAYS", default=730)  # noqa: F405
CELERY_BEAT_SCHEDULE["privacy-retention"] = {  # noqa: F405
    "task": "localbzz.audit.jobs.apply_retention",
    "schedule": crontab(minute=45, hour=2),
}

# --- Consent -----------------------------------------------------------------------------------
# The wording stored with a form submission's consent when the site sends none of its own.
FORM_CONSENT_TEXT = env.str("FORM_CONSENT_TEXT", default="") or (  # noqa: F405
    "I agree that LocalBzz may contact me about this enquiry and keep these details for that "
    "purpose."
)
