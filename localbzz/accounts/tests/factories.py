"""Users for tests: ``make_user(role)``, one valid account per call (password ``PASSWORD``).

A team user gets a team member of its own and a client user needs a client (a new one when
none is given): that is why this factory lives with the tests, which may import the apps,
and not in ``localbzz/testing.py``, which may not.
"""

from __future__ import annotations

from clients.models import Client
from clients.tests.factories import make_client
from localbzz.accounts.models import Role, User
from localbzz.testing import PASSWORD, sequence
from team.tests.factories import make_team_member


def make_user(role: str = Role.TEAM, *, client: Client | None = None, **kw) -> User:
    n = sequence()
    kw.setdefault("email", f"{role}{n}@localbzz.test")
    kw.setdefault("password", PASSWORD)
    if role == Role.ADMIN:
        return User.objects.create_superuser(**kw)
    if role == Role.CLIENT:
        kw["client"] = client or make_client()
    if role == Role.TEAM and "team_member" not in kw:
        kw["team_member"] = make_team_member(email=kw["email"])
    return User.objects.create_user(role=role, **kw)
