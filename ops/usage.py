"""Usage counters: a few Redis HINCRBYs per request (one round trip), flushed into
``UsageDaily`` rows by a job; without Redis (development, tests) a process-local dict.

Per day, per dimension (route name; user id; API key id) and key: requests, 4xx, 5xx and a
latency histogram (``BUCKETS_MS``) from which the flush computes the p95.
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date, timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .models import UsageDaily, UsageDimension

BUCKETS_MS = (25, 50, 100, 250, 500, 1000, 2500, 5000)  # and one above the last
SEPARATOR = "\x1f"
KEEP_SECONDS = 3 * 24 * 3600

_local: dict[str, Counter] = {}
_local_lock = threading.Lock()


def _redis():
    """The cache's Redis client, or None when the cache is not Redis."""
    backend = getattr(cache, "_cache", None)
    get_client = getattr(backend, "get_client", None)
    return get_client(write=True) if get_client is not None else None


def _hash_key(day: date) -> str:
    return f"localbzz:usage:{day.isoformat()}"


def bucket_of(duration_ms: float) -> int:
    return next((i for i, edge in enumerate(BUCKETS_MS) if duration_ms <= edge), len(BUCKETS_MS))


def fields_for(request, status: int, duration_ms: float, route: str, user_id) -> Counter:
    keys = [(UsageDimension.ROUTE, route)]
    if user_id:
        keys.append((UsageDimension.USER, str(user_id)))
    api_key = getattr(request, "auth", None)
    if api_key is not None and type(api_key).__name__ == "ApiKey":
        keys.append((UsageDimension.API_KEY, str(api_key.pk)))
    fields = Counter()
    bucket = f"b{bucket_of(duration_ms)}"
    for dimension, key in keys:
        prefix = f"{dimension}{SEPARATOR}{key}{SEPARATOR}"
        fields[prefix + "req"] += 1
        fields[prefix + bucket] += 1
        if 400 <= status < 500:
            fields[prefix + "4xx"] += 1
        elif status >= 500:
            fields[prefix + "5xx"] += 1
    return fields


def record(request, status: int, duration_ms: float, route: str, user_id) -> None:
    fields = fields_for(request, status, duration_ms, route, user_id)
    day = timezone.now().date()
    client = _redis()
    if client is None:
        with _local_lock:
            _local.setdefault(_hash_key(day), Counter()).update(fields)
        return
    pipe = client.pipeline(transaction=False)
    for field, amount in fields.items():
        pipe.hincrby(_hash_key(day), field, amount)
    pipe.expire(_hash_key(day), KEEP_SECONDS)
    pipe.execute()


def _read(day: date) -> dict[str, int]:
    client = _redis()
    if client is None:
        with _local_lock:
            return dict(_local.get(_hash_key(day), {}))
    raw = client.hgetall(_hash_key(day))
    return {k.decode() if isinstance(k, bytes) else k: int(v) for k, v in raw.items()}


def p95(buckets: list[int]) -> float | None:
    total = sum(buckets)
    if not total:
        return None
    seen = 0
    for index, count in enumerate(buckets):
        seen += count
        if seen >= 0.95 * total:
            # the bucket's upper edge; past the last edge, the last edge (a lower bound)
            return float(BUCKETS_MS[min(index, len(BUCKETS_MS) - 1)])
    return None


def flush(days: int = 2) -> int:
    """Writes today's and yesterday's counters as UsageDaily rows; returns rows written."""
    today = timezone.now().date()
    written = 0
    for offset in range(days):
        day = today - timedelta(days=offset)
        totals: dict[tuple[str, str], dict] = {}
        for field, value in _read(day).items():
            dimension, key, metric = field.split(SEPARATOR)
            totals.setdefault((dimension, key), Counter())[metric] += value
        with transaction.atomic():
            for (dimension, key), counts in totals.items():
                buckets = [counts.get(f"b{i}", 0) for i in range(len(BUCKETS_MS) + 1)]
                UsageDaily.objects.update_or_create(
                    day=day,
                    dimension=dimension,
                    key=key[:200],
                    defaults={
                        "requests": counts["req"],
                        "client_errors": counts["4xx"],
                        "server_errors": counts["5xx"],
                        "latency_buckets": buckets,
                        "p95_ms": p95(buckets),
                    },
                )
                written += 1
    return written


def reset_local() -> None:
    """Tests: forget the process-local counters."""
    with _local_lock:
        _local.clear()
