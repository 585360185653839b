"""Sign-in, passwords, lock-outs and tokens."""

from datetime import timedelta

from .base import *  # noqa: F403

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

# --- Two-factor sign-in (localbzz/accounts/mfa.py) -------------------------------------------
# TOTP for staff: required for admins, optional for team members; the gate sits right after
# the session's user is known. Sensitive actions ask for the password (or a code) again when
# the last proof is older than MFA_REAUTH_MINUTES.
MFA_ISSUER = env.str("MFA_ISSUER", default="LocalBzz")  # noqa: F405
MFA_REAUTH_MINUTES = env.int("MFA_REAUTH_MINUTES", default=10)  # noqa: F405
_MFA_MW = "localbzz.accounts.middleware.MfaGateMiddleware"
if _MFA_MW not in MIDDLEWARE:  # noqa: F405
    MIDDLEWARE.insert(  # noqa: F405
        MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
        _MFA_MW,  # noqa: F405
    )
