"""Portal requests for tests and the demo: ``build_portal_request``, ``make_portal_request``."""

from __future__ import annotations

from clients.tests.factories import make_client
from localbzz.testing import sequence
from portal.models import ClientPortalRequest


def build_portal_request(**kw) -> ClientPortalRequest:
    """An unsaved, valid request of a client (give ``client`` or ``client_id``)."""
    kw.setdefault("content", f"Please post about our event #{sequence()}")
    return ClientPortalRequest(**kw)


def make_portal_request(client=None, **kw) -> ClientPortalRequest:
    request = build_portal_request(**kw)
    request.client = client or make_client()
    request.save(force_insert=True)
    return request
