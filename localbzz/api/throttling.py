"""Rate limits as fixed-window counters in the cache (Redis when configured).

DRF's throttles keep every request's timestamp in one cached list and rewrite it on each
request, so their cost grows with the rate. These count per window with one atomic ``incr``:
constant cost, same settings (``DEFAULT_THROTTLE_RATES``), same 429 with ``Retry-After``.

Anonymous requests are counted per client address as ``localbzz.net.client_ip`` reads it
(``TRUSTED_PROXIES``), never per raw ``X-Forwarded-For`` header, which a client may vary.
"""

from __future__ import annotations

from rest_framework import throttling

from localbzz.net import client_ip


def count_in_window(cache, key: str, seconds: int, now: float) -> tuple[int, float]:
    """Counts one hit of ``key`` in the aligned window of ``seconds`` that holds ``now``; returns
    the window's count so far and the seconds left in it. One atomic ``incr`` per call."""
    window = int(now // seconds)
    full = f"{key}:{window}"
    try:
        count = cache.incr(full)
    except ValueError:
        # First hit of the window (or a race with another first one: add is atomic).
        count = 1 if cache.add(full, 1, seconds + 1) else cache.incr(full)
    return count, (window + 1) * seconds - now


class FixedWindowMixin:
    """``num_requests`` per ``duration`` seconds, counted in aligned windows."""

    def get_ident(self, request) -> str:
        return client_ip(request)

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        count, left = count_in_window(self.cache, self.key, self.duration, self.timer())
        self._wait = max(left, 1)
        return count <= self.num_requests

    def wait(self) -> float:
        return getattr(self, "_wait", None)


class AnonRateThrottle(FixedWindowMixin, throttling.AnonRateThrottle):
    """Anonymous requests per client address (scope ``anon``)."""


class UserRateThrottle(FixedWindowMixin, throttling.UserRateThrottle):
    """Signed-in requests per user (scope ``user``)."""


class ScopedRateThrottle(FixedWindowMixin, throttling.ScopedRateThrottle):
    """Per-view scope (``throttle_scope``: ``auth``, ``form_submission``)."""

    def allow_request(self, request, view) -> bool:
        self.scope = getattr(view, self.scope_attr, None)
        if not self.scope:
            return True
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return FixedWindowMixin.allow_request(self, request, view)
