"""Production refuses unsafe operations settings; the development defaults stay quiet."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def start(tmp_path, **extra) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "METRICS_TOKEN", "LOG_FORMAT", "SENTRY_DSN"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="localbzz.settings",
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="localbzz.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        FIELD_HASH_KEY=secrets.token_urlsafe(48),
        **extra,
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s; print(s.LOG_FORMAT)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_production_logs_json_by_default(tmp_path):
    result = start(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "json"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"METRICS_TOKEN": "short"}, "METRICS_TOKEN must be at least 32 characters"),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT must be plain or json"),
    ],
)
def test_production_refuses_unsafe_operations_settings(tmp_path, extra, message):
    result = start(tmp_path, **extra)
    assert result.returncode != 0
    assert message in result.stderr


def test_a_long_metrics_token_is_accepted(tmp_path):
    assert start(tmp_path, METRICS_TOKEN=secrets.token_urlsafe(32)).returncode == 0
