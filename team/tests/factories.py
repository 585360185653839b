"""Team rows for tests and for the demo: ``build_team_member`` (unsaved), ``make_team_member``."""

from __future__ import annotations

from localbzz.testing import sequence
from team.models import TeamMember, TeamRole


def team_roles(names) -> list[TeamRole]:
    """The role rows of ``names``, created when missing."""
    return [TeamRole.objects.get_or_create(name=name)[0] for name in names]


def build_team_member(**kw) -> TeamMember:
    """An unsaved, valid team member (roles are a many-to-many: set them after saving)."""
    n = sequence()
    kw.setdefault("name", f"Team Member {n}")
    kw.setdefault("email", f"member{n}@localbzz.test")
    return TeamMember(**kw)


def make_team_member(roles=("Editor",), **kw) -> TeamMember:
    member = build_team_member(**kw)
    member.save(force_insert=True)
    member.roles.set(team_roles(roles))
    return member
