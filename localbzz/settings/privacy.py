"""Data protection (DESIGN.md §9): API keys, the audit trail, privacy, retention."""

from .api import *  # noqa: F403
from .files import *  # noqa: F403

# --- API keys --------------------------------------------------------------------------------
# ``Authorization: Api-Key <key>`` after the JWT (whose ``Bearer`` challenge 401s announce)
_API_KEY_AUTH = "localbzz.accounts.api_keys.ApiKeyAuthentication"
if _API_KEY_AUTH not in REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]:  # noqa: F405
    REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"].insert(1, _API_KEY_AUTH)  # noqa: F405
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]["ApiKeyRoleEnum"] = ["team", "admin"]  # noqa: F405
