"""Test helpers of the kernel: it imports no entity app (each app has ``tests/factories.py``).

- ``PASSWORD``: every factory-made user's password;
- ``sequence()``: the one counter the apps' factories share, so made-up names never collide;
- ``query_count``: the SQL queries of one page;
- ``fresh_ip`` / ``api_client``: API test clients that never share a rate-limit bucket.

The factories: ``make_user`` in ``localbzz/accounts/tests/factories.py``, ``make_client`` in
``clients/tests/factories.py``, ``make_team_member`` in ``team/tests/factories.py``, and so on;
``make_dashboard_world`` (a bit of everything) in ``dashboard/tests/factories.py``.
"""

from __future__ import annotations

import itertools
import random

from django.db import connection
from django.test.utils import CaptureQueriesContext

PASSWORD = "correct-horse-battery-staple"
_seq = itertools.count(1)


def sequence() -> int:
    """The next number of the counter all factories share (1, 2, 3, ...)."""
    return next(_seq)


def query_count(client, url: str) -> int:
    """How many SQL queries one GET of ``url`` runs (the response must be a 200)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx)


def fresh_ip() -> str:
    """A client address no other test uses, so per-address rate limits never leak between
    tests (the cache is shared by the xdist workers when Redis is configured)."""
    return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def api_client(user=None):
    """A DRF test client from a fresh address, signed in as ``user`` when given."""
    from rest_framework.test import APIClient

    api = APIClient(REMOTE_ADDR=fresh_ip())
    if user is not None:
        api.force_authenticate(user)
    return api
