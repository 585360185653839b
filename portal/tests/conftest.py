"""Portal test helpers: requests on a client's subdomain."""

import pytest

from localbzz.accounts.models import Role
from localbzz.accounts.tests.factories import make_user


def host(subdomain: str) -> str:
    return f"{subdomain}.localhost"


@pytest.fixture
def acme(client, client_a_user):
    """A test client signed in as client A's user, talking to acme.localhost."""
    client.force_login(client_a_user)
    client.defaults["HTTP_HOST"] = host("acme")
    return client


@pytest.fixture
def staff_user(db):
    return make_user(Role.TEAM, email="staff-viewer@test.localbzz")
