"""Standard Webhooks signing and verification, the SSRF guard and the HTTP request of one
attempt. A leaf of the events package: it knows URLs, secrets and bytes, not models."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import ipaddress
import json
import socket
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpcore
import httpx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

EXCERPT_CHARS = 500
USER_AGENT = "LocalBzz-Webhooks/1"
DEFAULT_PORTS = {"http": 80, "https": 443}


# --- Signing and verifying ------------------------------------------------------------------


class WebhookVerificationError(Exception):
    """A delivery that does not verify: missing or malformed header, stale timestamp, or no
    signature made with the secret. The one error ``verify`` raises."""


def secret_bytes(secret: str) -> bytes:
    """The signing key: the base64-decoded part of a ``whsec_`` secret."""
    return base64.b64decode(secret.removeprefix("whsec_"), validate=True)


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<base64 HMAC-SHA256 of "id.timestamp.body">`` (Standard Webhooks)."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_bytes(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signature_header(secrets: Iterable[str], msg_id: str, timestamp: int, body: bytes) -> str:
    """Every signature, space-separated: the current secret's, and during the grace period
    after a rotation the previous one's (a receiver accepts any that verifies)."""
    return " ".join(sign(secret, msg_id, timestamp, body) for secret in secrets)


def verify(secret: str, headers: Mapping, body: bytes, *, tolerance: int = 300) -> bool:
    """Receiver-side check of a delivery: True, or ``WebhookVerificationError``.

    Any malformed input (a missing header, a timestamp that is not a number or is more than
    ``tolerance`` seconds away, signatures that are not base64) is the same clear error.
    """
    lower = {str(k).lower(): str(v) for k, v in headers.items()}
    names = ("webhook-id", "webhook-timestamp", "webhook-signature")
    missing = [name for name in names if not lower.get(name)]
    if missing:
        raise WebhookVerificationError(f"Missing header(s): {', '.join(missing)}.")
    msg_id, raw_ts = lower["webhook-id"], lower["webhook-timestamp"].strip()
    if not raw_ts.isascii() or not raw_ts.isdigit() or len(raw_ts) > 12:
        raise WebhookVerificationError("The webhook-timestamp header is not Unix seconds.")
    timestamp = int(raw_ts)
    if abs(time.time() - timestamp) > tolerance:
        raise WebhookVerificationError("The webhook-timestamp is too old or in the future.")
    try:
        expected = sign(secret, msg_id, timestamp, body).split(",", 1)[1].encode()
    except (binascii.Error, ValueError) as exc:
        raise WebhookVerificationError("The secret is not a whsec_ base64 key.") from exc
    for candidate in lower["webhook-signature"].split():
        version, _, sig = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(sig.encode(), expected):
            return True
    raise WebhookVerificationError("No signature matches the secret.")


# --- The SSRF guard -------------------------------------------------------------------------


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries: mapped, 6to4 (2002::/16), Teredo (2001::/32
    server and client), NAT64 (64:ff9b::/96)."""
    found = []
    if ip.ipv4_mapped:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour:
        found.append(ip.sixtofour)
    if ip.teredo:
        found.extend(ip.teredo)
    if ip in ipaddress.ip_network("64:ff9b::/96"):
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded:
            return all(_is_public(inner) for inner in embedded)
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local)


def _parse(url: str) -> tuple[str, str, int]:
    """Scheme, host (as the connection pool names it: IDNA, no brackets) and port."""
    try:
        parsed = httpx.URL(url)
        host = parsed.raw_host.decode("ascii")
    except (httpx.InvalidURL, TypeError, UnicodeError) as exc:
        raise ValidationError("Enter a valid URL.") from exc
    if parsed.scheme not in DEFAULT_PORTS or not host:
        raise ValidationError("Use an http:// or https:// URL with a host name.")
    port = DEFAULT_PORTS[parsed.scheme] if parsed.port is None else parsed.port
    if not 0 < port < 65536:
        raise ValidationError("The URL's port is not a number from 1 to 65535.")
    return parsed.scheme, host, port


@dataclass(frozen=True)
class Target:
    """A webhook URL's host and port with the addresses it resolved to, once, vetted."""

    host: str
    port: int
    addresses: tuple[str, ...]


def resolve(host: str, port: int) -> list[str]:
    """The host's addresses (one DNS lookup; literal addresses come back as they are)."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(info[4][0].split("%", 1)[0] for info in infos))


def vet_url(url: str) -> Target:
    """Resolves the URL's host once and vets every address, or raises ValidationError.

    Refused: schemes other than http(s); and unless ``WEBHOOK_ALLOW_PRIVATE_TARGETS`` is on,
    ports outside ``WEBHOOK_ALLOWED_PORTS`` and hosts with any non-global address (loopback,
    private, link-local, metadata, multicast, reserved, or an IPv6 address embedding one).
    The request then connects to these addresses only (no second lookup to rebind).
    """
    _scheme, host, port = _parse(url)
    allow_private = settings.WEBHOOK_ALLOW_PRIVATE_TARGETS
    if not allow_private and port not in settings.WEBHOOK_ALLOWED_PORTS:
        allowed = ", ".join(map(str, settings.WEBHOOK_ALLOWED_PORTS))
        raise ValidationError(f"Webhooks may only use port {allowed}, not {port}.")
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError) as exc:
        raise ValidationError(f"The host {host!r} does not resolve.") from exc
    for address in addresses if not allow_private else ():
        if not _is_public(ipaddress.ip_address(address)):
            raise ValidationError(
                f"The host {host!r} resolves to a non-public address ({address}); "
                "webhooks may only target public addresses."
            )
    return Target(host, port, tuple(addresses))


def guard_url(url: str) -> None:
    """The check made when an endpoint is saved: the scheme and port always; the host's
    addresses unless private targets are allowed (development may name hosts that do not
    resolve yet). ``send`` vets again, and connects to what it vetted."""
    if not settings.WEBHOOK_ALLOW_PRIVATE_TARGETS:
        vet_url(url)
        return
    _parse(url)


# --- The request ------------------------------------------------------------------------


class PinnedBackend(httpcore.SyncBackend):
    """Connects to the addresses vetted for a host, never to a fresh DNS answer.

    The URL keeps its host name, so the ``Host`` header, TLS SNI and the certificate check
    are for the host name; only the TCP connection goes to the pinned address.
    """

    def __init__(self):
        self.pins: dict[tuple[str, int], tuple[str, ...]] = {}

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = self.pins.get((host, port))
        if not addresses:
            raise httpcore.ConnectError(f"{host}:{port} was not vetted before connecting.")
        error: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(
                    address, port, timeout, local_address=local_address,
                    socket_options=socket_options,
                )  # fmt: skip
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error


class PinnedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool that uses a ``PinnedBackend``."""

    def __init__(self, *, limits: httpx.Limits):
        super().__init__(limits=limits, trust_env=False)
        self.backend = PinnedBackend()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=self.backend,
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


def _client() -> tuple[httpx.Client, PinnedBackend]:
    """One pooled client per worker thread: keep-alive to receivers, one TLS context."""
    client = getattr(_local, "client", None)
    timeout = (settings.WEBHOOK_CONNECT_TIMEOUT, settings.WEBHOOK_READ_TIMEOUT)
    if client is None or getattr(_local, "timeout", None) != timeout:
        transport = PinnedTransport(
            limits=httpx.Limits(max_keepalive_connections=20, keepalive_expiry=30)
        )
        client = httpx.Client(
            timeout=httpx.Timeout(timeout[1], connect=timeout[0]),
            follow_redirects=False,
            trust_env=False,
            transport=transport,
        )
        _local.client, _local.backend, _local.timeout = client, transport.backend, timeout
    return client, _local.backend


def send(url: str, secrets: str | Iterable[str], envelope: dict) -> SendResult:
    """POSTs one signed envelope: timeouts, no redirects, the URL vetted and its addresses
    pinned first. ``secrets``: the signing secret, or the current and previous ones."""
    started = time.monotonic()

    def elapsed() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        target = vet_url(url)
    except ValidationError as exc:
        return SendResult(None, elapsed(), error=f"refused: {exc.messages[0]}"[:300])
    body = body_of(envelope)
    timestamp = int(time.time())
    secrets = [secrets] if isinstance(secrets, str) else list(secrets)
    headers = {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": envelope["id"],
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature_header(secrets, envelope["id"], timestamp, body),
    }
    client, backend = _client()
    backend.pins[(target.host, target.port)] = target.addresses
    try:
        response = client.post(url, content=body, headers=headers)
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
