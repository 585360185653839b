"""The team: the eight people of ``TEAM`` and, per extra scale, eight more made-up ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils.text import slugify

from demo.data import TEAM
from demo.seeders.base import Demo
from team.models import RoleName, TeamMember
from team.tests.factories import build_team_member, team_roles


@dataclass
class Crew:
    members: list[TeamMember]
    editors: list[TeamMember]
    creators: list[TeamMember]


def seed_team(demo: Demo) -> Crew:
    rng = demo.rng
    roles = {role.name: role for role in team_roles(RoleName.values)}
    people = list(TEAM)
    for _i in range(1, demo.scale):
        for _ in range(len(TEAM)):
            name = demo.person()
            people.append((name, rng.sample(RoleName.values, rng.randint(1, 2))))
    members: list[TeamMember] = []
    links = []
    for n, (name, role_names) in enumerate(people):
        first = slugify(name.split()[0])
        member = build_team_member(
            name=name,
            email=f"{first}@localbzz.test" if n < len(TEAM) else f"{first}.{n}@localbzz.test",
            phone=f"+1 555 01{n % 100:02d}",
            is_active=n % 23 != 22,
        )
        demo.stamp(member, demo.now - timedelta(days=400 - n % 200))
        member.role_list = role_names
        members.append(member)
        links += [
            TeamMember.roles.through(teammember_id=member.id, teamrole_id=roles[r].id)
            for r in role_names
        ]
    demo.insert("team members", TeamMember, members)
    demo.link(TeamMember.roles.through, links)
    return Crew(
        members=members,
        editors=[m for m in members if "Editor" in m.role_list] or members,
        creators=[m for m in members if "Content Creator" in m.role_list],
    )
