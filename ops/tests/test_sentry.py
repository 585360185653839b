"""Sentry: on only with SENTRY_DSN; no PII, no request bodies, no local variables."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import json
import django
django.setup()
import sentry_sdk
from sentry_sdk.transport import Transport

client = sentry_sdk.get_client()
sent = []

class Capture(Transport):
    def capture_envelope(self, envelope):
        for item in envelope.items:
            if item.type == "event":
                sent.append(item.payload.json)

client.transport = Capture(client.options)
options = {key: client.options[key] for key in (
    "send_default_pii", "max_request_body_size", "include_local_variables", "environment",
    "release")} if client.is_active() else None

from unittest import mock
from django.test import Client
from ops import metrics

if options:
    with mock.patch.object(metrics, "exposition", side_effect=RuntimeError("boom")):
        response = Client(raise_request_exception=False).post(
            "/metrics?email=leak%40example.com",
            data=json.dumps({"email": "leak@example.com", "password": "hunter2"}),
            content_type="application/json",
            HTTP_AUTHORIZATION="Bearer tok-for-sentry-test",
            HTTP_COOKIE="sessionid=abc123secret",
        )
    assert response.status_code == 500, response.status_code
    client.flush(timeout=2)
print(json.dumps({"options": options, "events": sent}, default=str))
"""


def run(extra_env: dict) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SENTRY_DSN", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="localbzz.test_settings",
        METRICS_TOKEN="tok-for-sentry-test",
        DATABASE_URL="sqlite:///:memory:",
        **extra_env,
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, cwd=ROOT, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def test_sentry_is_off_without_a_dsn():
    assert run({})["options"] is None


def test_sentry_reports_errors_without_pii_or_bodies():
    result = run({"SENTRY_DSN": "https://public@sentry.invalid/1", "SENTRY_ENVIRONMENT": "ci"})
    assert result["options"]["send_default_pii"] is False
    assert result["options"]["max_request_body_size"] == "never"
    assert result["options"]["include_local_variables"] is False
    assert result["options"]["environment"] == "ci"
    assert result["options"]["release"].startswith("localbzz@")
    [event] = result["events"]
    assert event["exception"]["values"][-1]["value"] == "boom"
    text = json.dumps(event)
    for secret in ("hunter2", "leak@example.com", "leak%40example.com", "abc123secret"):
        assert secret not in text, secret
    assert "tok-for-sentry-test" not in text
    assert not event.get("request", {}).get("data")  # removed (sized "never")
