"""Data protection (DESIGN.md §9): API keys, the audit trail, privacy, retention."""

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
