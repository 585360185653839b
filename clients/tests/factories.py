"""Client rows for tests and for the demo: ``build_client`` (unsaved) and ``make_client``."""

from __future__ import annotations

from clients.models import Client, ClientStatus
from localbzz.testing import sequence


def build_client(**kw) -> Client:
    """An unsaved, valid client; every field may be given."""
    n = sequence()
    kw.setdefault("name", f"Client {n}")
    kw.setdefault("status", ClientStatus.ACTIVE)
    kw.setdefault("client_portal_subdomain", f"client-{n}")
    kw.setdefault("email", f"owner{n}@client.test")
    kw.setdefault("default_reels", 4)
    kw.setdefault("default_photos", 10)
    kw.setdefault("default_carousels", 2)
    return Client(**kw)


def make_client(**kw) -> Client:
    client = build_client(**kw)
    client.save(force_insert=True)
    return client
