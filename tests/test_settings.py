"""Settings: migrations are complete, production checks are clean, secrets are required."""

import os
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECRET_KEY"))}
    clean.pop("ALLOWED_HOSTS", None)
    clean.pop("DATABASE_URL", None)
    clean.pop("REDIS_URL", None)
    clean["DJANGO_SETTINGS_MODULE"] = "localbzz.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(48)[:64],
            "ALLOWED_HOSTS": "localbzz.example",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "FIELD_HASH_KEY": secrets.token_urlsafe(48),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_start_up_without_secret_key_fails_clearly(tmp_path):
    result = _manage(
        "check",
        env={
            "DJANGO_ENV": "production",
            "ALLOWED_HOSTS": "localbzz.example",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
            "SECRET_KEY": "",
        },
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_start_up_without_allowed_hosts_fails_clearly(tmp_path):
    result = _manage(
        "check",
        env={
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(48)[:64],
            "ALLOWED_HOSTS": "",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
        },
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr
