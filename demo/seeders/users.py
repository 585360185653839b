"""The logins: the demo admin, one per team member, one per active client's owner."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.hashers import make_password

from clients.models import Client
from demo.data import ADMIN_EMAIL, ADMIN_PASSWORD, CLIENT_PASSWORD, TEAM_EMAIL, TEAM_PASSWORD
from demo.seeders.base import Demo
from localbzz.accounts.models import Role, User
from team.models import TeamMember


@dataclass
class Logins:
    admin: User
    of_member: dict[uuid.UUID, User]
    of_client: dict[uuid.UUID, User]


def _hashes() -> list[str]:
    """The three passwords' hashes, side by side: a slow hash releases the GIL while it runs."""
    passwords = (ADMIN_PASSWORD, TEAM_PASSWORD, CLIENT_PASSWORD)
    with ThreadPoolExecutor(max_workers=len(passwords)) as pool:
        return list(pool.map(make_password, passwords))


def seed_users(demo: Demo, members: list[TeamMember], active: list[Client]) -> Logins:
    admin_hash, team_hash, client_hash = _hashes()
    joined = demo.now - timedelta(days=365)
    admin = User(
        email=ADMIN_EMAIL,
        full_name="Demo Admin",
        role=Role.ADMIN,
        is_staff=True,
        is_superuser=True,
        password=admin_hash,
        date_joined=joined,
    )
    users = [admin]
    of_member: dict[uuid.UUID, User] = {}
    for n, member in enumerate(members):
        user = User(
            email=TEAM_EMAIL if n == 0 else member.email,
            full_name=member.name,
            role=Role.TEAM,
            team_member_id=member.id,
            password=team_hash,
            date_joined=joined,
        )
        users.append(user)
        of_member[member.id] = user
    of_client: dict[uuid.UUID, User] = {}
    for client in active:
        user = User(
            email=f"owner@{client.client_portal_subdomain}.test",
            full_name=client.primary_contact_name,
            role=Role.CLIENT,
            client_id=client.id,
            password=client_hash,
            date_joined=client.created_at,
        )
        users.append(user)
        of_client[client.id] = user
    for user in users:
        demo.stamp(user, joined)
    demo.insert("users", User, users)
    return Logins(admin=admin, of_member=of_member, of_client=of_client)
