"""Shared fixtures: one user per role, two clients A and B."""

import os

import pytest

from localbzz.accounts.models import Role
from localbzz.testing import PASSWORD, make_client, make_user

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def client_a(db):
    return make_client(name="Acme Bakery", client_portal_subdomain="acme")


@pytest.fixture
def client_b(db):
    return make_client(name="Bravo Barbers", client_portal_subdomain="bravo")


@pytest.fixture
def admin_user(db):
    return make_user(Role.ADMIN, email="admin@test.localbzz")


@pytest.fixture
def team_user(db):
    return make_user(Role.TEAM, email="team@test.localbzz")


@pytest.fixture
def client_a_user(client_a):
    return make_user(Role.CLIENT, client=client_a, email="owner@acme.test")


@pytest.fixture
def client_b_user(client_b):
    return make_user(Role.CLIENT, client=client_b, email="owner@bravo.test")


def require_or_skip(available: bool, what: str):
    """Skips a test outside CI when ``what`` is missing; fails it in CI."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI but is not available")
    pytest.skip(f"{what} is not available")
