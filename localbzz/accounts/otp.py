"""Second factors of staff sign-in (django-otp devices): an authenticator app (TOTP) and a
set of one-time recovery codes.

django-otp's own TOTP and static devices keep their secrets in plaintext; these keep the
TOTP secret encrypted with ``FIELD_ENCRYPTION_KEYS`` (rotated by ``rotate_encryption_keys``
with every other encrypted column) and only keyed hashes of the recovery codes, so a dump
of the database gives no second factor away. Both throttle wrong codes (django-otp's
``ThrottlingMixin``: after each failure the device refuses codes for 2^n seconds).
"""

from __future__ import annotations

import secrets
import time
from binascii import unhexlify

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_otp.models import Device, ThrottlingMixin
from django_otp.oath import TOTP

from localbzz.crypto import EncryptedTextField, keyed_hash

#: accepted clock drift, in 30-second steps either side
TOTP_TOLERANCE = 1
RECOVERY_CODES = 10


def random_hex_key() -> str:
    return secrets.token_hex(20)  # 160 bits, as RFC 4226 recommends


def normalise_code(token) -> str:
    return "".join(str(token or "").split()).replace("-", "").lower()


class TotpDevice(ThrottlingMixin, Device):
    """An authenticator app: RFC 6238 codes (6 digits, 30 s) from a secret encrypted at rest."""

    key = EncryptedTextField(default=random_hex_key, help_text="The shared secret (hex).")
    #: the last time step accepted: a code is never accepted twice (replay)
    last_t = models.BigIntegerField(default=-1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "authenticator app"

    @property
    def bin_key(self) -> bytes:
        return unhexlify(self.key.encode())

    def totp(self, at: float | None = None) -> TOTP:
        totp = TOTP(self.bin_key, step=30, digits=6)
        totp.time = at if at is not None else time.time()
        return totp

    def config_url(self, issuer: str) -> str:
        from base64 import b32encode
        from urllib.parse import quote, urlencode

        secret = b32encode(self.bin_key).decode()
        query = urlencode({"secret": secret, "issuer": issuer, "digits": 6, "period": 30})
        return f"otpauth://totp/{quote(issuer)}:{quote(self.user.email)}?{query}"

    def get_throttle_factor(self):
        return getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1)

    def verify_token(self, token) -> bool:
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        code = normalise_code(token)
        if not (code.isdigit() and len(code) == 6):
            self.throttle_increment()
            return False
        totp = self.totp()
        if totp.verify(int(code), tolerance=TOTP_TOLERANCE, min_t=self.last_t + 1):
            self.last_t = totp.t()
            self.throttle_reset(commit=False)
            self.save()
            return True
        self.throttle_increment()
        return False


class RecoveryCodeDevice(ThrottlingMixin, Device):
    """Ten one-time recovery codes for a lost phone; only their keyed hashes are stored."""

    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "recovery codes"

    def get_throttle_factor(self):
        return getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1)

    def verify_token(self, token) -> bool:
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        digest = keyed_hash("recovery:" + normalise_code(token))
        used = self.codes.filter(code_hash=digest, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if used:
            self.throttle_reset()
            return True
        self.throttle_increment()
        return False

    def left(self) -> int:
        return self.codes.filter(used_at__isnull=True).count()


class RecoveryCode(models.Model):
    """One recovery code (hashed); ``used_at`` once spent."""

    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["device", "code_hash"], name="recovery_code_unique")
        ]

    def __str__(self):
        return f"recovery code of {self.device.user}"


def new_recovery_code() -> str:
    """``xxxxx-xxxxx``: 50 random bits in an unambiguous alphabet."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def recovery_hash(code: str) -> str:
    return keyed_hash("recovery:" + normalise_code(code))
