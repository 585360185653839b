"""Standard Webhooks signing, the SSRF guard and the HTTP request of one attempt."""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import socket
import threading
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

EXCERPT_CHARS = 500
USER_AGENT = "LocalBzz-Webhooks/1"


def secret_bytes(secret: str) -> bytes:
    """The signing key: the base64-decoded part of a ``whsec_`` secret."""
    return base64.b64decode(secret.removeprefix("whsec_"))


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<base64 HMAC-SHA256 of "id.timestamp.body">`` (Standard Webhooks)."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_bytes(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def verify(secret: str, headers: dict, body: bytes, *, tolerance: int = 300) -> bool:
    """Receiver-side check of a delivery (used by tests and documented in docs/webhooks.md)."""
    lower = {k.lower(): v for k, v in headers.items()}
    msg_id, ts = lower.get("webhook-id", ""), lower.get("webhook-timestamp", "0")
    if abs(time.time() - int(ts)) > tolerance:
        return False
    expected = sign(secret, msg_id, int(ts), body).split(",", 1)[1]
    for candidate in lower.get("webhook-signature", "").split():
        version, _, sig = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(sig, expected):
            return True
    return False


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local)


def guard_url(url: str) -> None:
    """Refuses URLs that are not http(s) or that resolve to a non-global address.

    Checked when an endpoint is saved and again before every request (DNS may change).
    ``settings.WEBHOOK_ALLOW_PRIVATE_TARGETS`` lifts the address check for development.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError("Use an http:// or https:// URL with a host name.")
    if settings.WEBHOOK_ALLOW_PRIVATE_TARGETS:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise ValidationError(f"The host {parts.hostname!r} does not resolve.") from exc
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if not _is_public(ip):
            raise ValidationError(
                f"The host {parts.hostname!r} resolves to a non-public address ({ip}); "
                "webhooks may only target public addresses."
            )


@dataclass
class SendResult:
    status_code: int | None
    duration_ms: int
    excerpt: str = ""
    error: str = ""
    retry_after: float | None = None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - timezone.now()).total_seconds())


def body_of(envelope: dict) -> bytes:
    return json.dumps(envelope, separators=(",", ":"), ensure_ascii=False).encode()


_local = threading.local()


def _client() -> httpx.Client:
    """One pooled client per worker thread: keep-alive to receivers, one TLS context."""
    client = getattr(_local, "client", None)
    timeout = (settings.WEBHOOK_CONNECT_TIMEOUT, settings.WEBHOOK_READ_TIMEOUT)
    if client is None or getattr(_local, "timeout", None) != timeout:
        client = httpx.Client(
            timeout=httpx.Timeout(timeout[1], connect=timeout[0]),
            follow_redirects=False,
            trust_env=False,
            limits=httpx.Limits(max_keepalive_connections=20, keepalive_expiry=30),
        )
        _local.client, _local.timeout = client, timeout
    return client


def send(url: str, secret: str, envelope: dict) -> SendResult:
    """POSTs one signed envelope: timeouts, no redirects, SSRF guard re-checked first."""
    started = time.monotonic()

    def elapsed() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        guard_url(url)
    except ValidationError as exc:
        return SendResult(None, elapsed(), error=f"refused: {exc.messages[0]}"[:300])
    body = body_of(envelope)
    timestamp = int(time.time())
    headers = {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": envelope["id"],
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, envelope["id"], timestamp, body),
    }
    try:
        response = _client().post(url, content=body, headers=headers)
        excerpt = response.text[:EXCERPT_CHARS]
    except httpx.TimeoutException as exc:
        return SendResult(None, elapsed(), error=f"timeout: {type(exc).__name__}")
    except httpx.HTTPError as exc:
        return SendResult(None, elapsed(), error=f"{type(exc).__name__}: {exc}"[:300])
    return SendResult(
        response.status_code,
        elapsed(),
        excerpt=excerpt,
        retry_after=_retry_after(response.headers.get("retry-after")),
    )
