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
        now = self.timer()
        window = int(now // self.duration)
        key = f"{self.key}:{window}"
        try:
            count = self.cache.incr(key)
        except ValueError:
            # First request of the window (or a race with another first one: add is atomic).
            count = 1 if self.cache.add(key, 1, self.duration + 1) else self.cache.incr(key)
        self._wait = max((window + 1) * self.duration - now, 1)
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
