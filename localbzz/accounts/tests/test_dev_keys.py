"""No signing key is a constant of the code (issue 9 item 5)."""

import json
import os
import secrets
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
from cryptography.fernet import Fernet
from django.conf import settings
from rest_framework.test import APIClient
from rest_framework_simplejwt.utils import get_md5_hash_password

from localbzz.dev_keys import dev_key
from localbzz.testing import fresh_ip

ROOT = Path(__file__).resolve().parents[3]
#: the constant the development settings used to sign sessions and JWTs with
OLD_PUBLIC_KEY = "dev-only-insecure-key-" + "x" * 40


def _settings_of(env: dict) -> dict:
    """SECRET_KEY and the JWT signing key as a fresh process with ``env`` reads them."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SECRET_KEY", "JWT_", "ALLOWED_HOSTS", "DATABASE_URL"))
    }
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SECRET_KEY, s.SIMPLE_JWT['SIGNING_KEY']]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "localbzz.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    secret, jwt_key = json.loads(result.stdout.strip().splitlines()[-1])
    return {"secret": secret, "jwt": jwt_key}


def test_dev_key_is_generated_once_per_machine_and_kept(tmp_path):
    first = dev_key(tmp_path, "jwt-dev-key")
    assert len(first) >= 50
    assert dev_key(tmp_path, "jwt-dev-key") == first
    assert (tmp_path / ".state" / "jwt-dev-key").read_text().strip() == first
    assert oct((tmp_path / ".state" / "jwt-dev-key").stat().st_mode)[-3:] == "600"
    assert dev_key(tmp_path / "other-machine", "jwt-dev-key") != first


def test_a_damaged_key_file_is_replaced(tmp_path):
    (tmp_path / ".state").mkdir()
    (tmp_path / ".state" / "secret-key").write_text("short\n")
    assert len(dev_key(tmp_path, "secret-key")) >= 50


def test_development_settings_sign_with_the_machines_keys_not_a_constant():
    keys = _settings_of({"DJANGO_ENV": "development"})
    assert OLD_PUBLIC_KEY not in keys.values()
    assert keys["jwt"] == (ROOT / ".state" / "jwt-dev-key").read_text().strip()
    assert keys["secret"] == (ROOT / ".state" / "secret-key").read_text().strip()
    assert keys["jwt"] != keys["secret"]
    assert ".state/" in (ROOT / ".gitignore").read_text().splitlines()


def test_production_signs_with_the_secret_key_from_the_environment():
    secret = secrets.token_urlsafe(64)
    keys = _settings_of(
        {
            "DJANGO_ENV": "production",
            "SECRET_KEY": secret,
            "ALLOWED_HOSTS": "x.example",
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "FIELD_HASH_KEY": secrets.token_urlsafe(48),
        }
    )
    assert keys == {"secret": secret, "jwt": secret}


def test_a_token_signed_with_the_old_public_key_is_refused(team_user):
    assert settings.SIMPLE_JWT["SIGNING_KEY"] != OLD_PUBLIC_KEY
    now = datetime.now(UTC)
    claims = {
        "token_type": "access",
        "exp": now + timedelta(minutes=5),
        "iat": now,
        "jti": "forged",
        "user_id": str(team_user.pk),
        "hash_password": get_md5_hash_password(team_user.password),
    }

    def me(key):
        api = APIClient(REMOTE_ADDR=fresh_ip())
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {jwt.encode(claims, key, algorithm='HS256')}")
        return api.get("/api/auth/me").status_code

    assert me(settings.SIMPLE_JWT["SIGNING_KEY"]) == 200  # the same claims, the machine's key
    assert me(OLD_PUBLIC_KEY) == 401
