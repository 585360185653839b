"""The JWT endpoints' serializers: simplejwt's, with the project's answers.

- Obtain: a sign-in that django-axes refuses (this account, from this address, failed too
  often) answers 429 with ``Retry-After`` in the error body, like every other limit.
- Refresh: a refresh token of a user who no longer exists, or issued before the user's
  password changed, answers 401 (simplejwt answers 500 for the first and accepts the second).

Both record their success in the audit trail (failures: Django's ``user_login_failed``).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from rest_framework import exceptions, serializers
from rest_framework_simplejwt import serializers as jwt_serializers
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.utils import get_md5_hash_password

from localbzz.accounts import mfa
from localbzz.accounts.lockout import retry_after
from localbzz.audit.trail import record

LOCKED_OUT = (
    "Too many failed sign-ins for this account from your address. "
    "Wait a while, or reset your password."
)


class SignInLockedOut(exceptions.Throttled):
    default_detail = LOCKED_OUT


OTP_REQUIRED = (
    "This account signs in with a second factor: send the 6-digit code from the "
    "authenticator app (or a recovery code) in the `otp` field."
)
OTP_ENROL = (
    "Admins sign in with a second factor: set up an authenticator app on the dashboard "
    "(/accounts/mfa/setup/) first, then send its code in the `otp` field."
)
OTP_WRONG = "The code in `otp` is not right or was already used."


class TokenObtainPairSerializer(jwt_serializers.TokenObtainPairSerializer):
    """``{email, password, otp?}`` → ``{access, refresh}``; 429 while the account is locked
    out. Staff with an authenticator app (every admin must have one) also send ``otp``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An e-mail, as every sign-in takes: anything else is a 400, never a lookup.
        self.fields[self.username_field] = serializers.EmailField(max_length=254, write_only=True)
        self.fields["otp"] = serializers.CharField(
            max_length=32, required=False, write_only=True, allow_blank=True
        )

    def _second_factor(self, attrs) -> None:
        """Raises 401 (with ``details.otp``) unless the user needs no code or sent a right one."""
        user = self.user
        enrolled = mfa.is_enrolled(user)
        if not mfa.mfa_required(user, enrolled):
            return
        if not enrolled:
            raise exceptions.AuthenticationFailed({"detail": OTP_ENROL, "otp": [OTP_ENROL]})
        code = (attrs.get("otp") or "").strip()
        if not code:
            raise exceptions.AuthenticationFailed({"detail": OTP_REQUIRED, "otp": [OTP_REQUIRED]})
        request = self.context["request"]
        if mfa.verify(request, user, code) is None:
            if getattr(request, "axes_locked_out", False):
                raise SignInLockedOut(wait=retry_after(request, user.email))
            raise exceptions.AuthenticationFailed({"detail": OTP_WRONG, "otp": [OTP_WRONG]})

    def validate(self, attrs):
        try:
            data = super().validate(attrs)
        except exceptions.AuthenticationFailed:
            request = self.context["request"]
            if getattr(request, "axes_locked_out", False):
                login = attrs.get(self.username_field)
                raise SignInLockedOut(wait=retry_after(request, login)) from None
            raise
        self._second_factor(attrs)
        record(
            "auth.token_issued",
            actor=self.user,
            object_type="accounts.user",
            object_id=self.user.pk,
            request=self.context["request"],
        )
        return data


class TokenRefreshSerializer(jwt_serializers.TokenRefreshSerializer):
    """simplejwt's refresh; a token whose user was deleted is refused like a bad token."""

    def validate(self, attrs):
        refresh = RefreshToken(attrs["refresh"])  # 401 when invalid, expired or blacklisted
        user_id = refresh.payload.get(api_settings.USER_ID_CLAIM)
        model = get_user_model()
        user = model.objects.filter(**{api_settings.USER_ID_FIELD: user_id}).first()
        if user is None:
            raise InvalidToken("The token's user no longer exists.")
        claim = refresh.payload.get(api_settings.REVOKE_TOKEN_CLAIM)
        if api_settings.CHECK_REVOKE_TOKEN and claim != get_md5_hash_password(user.password):
            raise InvalidToken("The user's password has been changed.")
        data = super().validate(attrs)
        record(
            "auth.token_refreshed",
            actor=user,
            object_type="accounts.user",
            object_id=user.pk,
            request=self.context.get("request"),
        )
        return data
