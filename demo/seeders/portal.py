"""Portal requests: four per active client, most picked up by someone, with short threads."""

from __future__ import annotations

import uuid
from datetime import timedelta

from clients.models import Client
from demo.data import PORTAL_ASKS, REPLIES_CLIENT, REPLIES_STAFF
from demo.seeders.base import Demo
from localbzz.accounts.models import User
from portal.models import (
    ClientPortalRequest,
    PortalRequestReply,
    RequestPriority,
    RequestStatus,
    RequestTopic,
    RequestType,
)
from portal.tests.factories import build_portal_request
from team.models import TeamMember


def _thread(demo: Demo, request, created, staff: User, owner: User) -> list[PortalRequestReply]:
    """Up to three replies, the agency and the client in turn."""
    rng = demo.rng
    replies = []
    for k in range(rng.randint(0, 3)):
        author, body = (
            (staff, rng.choice(REPLIES_STAFF))
            if k % 2 == 0
            else (owner, rng.choice(REPLIES_CLIENT))
        )
        reply = PortalRequestReply(request_id=request.id, author_id=author.id, body=body)
        replies.append(demo.stamp(reply, created + timedelta(hours=3 * (k + 1))))
    return replies


def seed_portal_requests(
    demo: Demo,
    active: list[Client],
    members: list[TeamMember],
    member_users: dict[uuid.UUID, User],
    owners: dict[uuid.UUID, User],
) -> list[ClientPortalRequest]:
    rng = demo.rng
    rows, replies = [], []
    team_users = list(member_users.values())
    for client in active:
        owner = owners[client.id]
        for _ in range(4):
            created = demo.now - timedelta(days=rng.randint(0, 80), hours=5)
            status = rng.choices(RequestStatus.values, weights=[3, 3, 4])[0]
            text = rng.choice(PORTAL_ASKS)
            member = rng.choice(members) if status != RequestStatus.NEW else None
            request = build_portal_request(
                client_id=client.id,
                content=text,
                request_type=(
                    RequestType.INSIGHT if text.startswith("Insight") else RequestType.REQUEST
                ),
                priority=rng.choices(RequestPriority.values, weights=[5, 1])[0],
                topic=rng.choice(RequestTopic.values),
                status=status,
                created_by_id=owner.id,
                assigned_to_id=member.id if member else None,
            )
            rows.append(demo.stamp(request, created, created + timedelta(days=1)))
            staff = member_users[member.id] if member else rng.choice(team_users)
            replies += _thread(demo, request, created, staff, owner)
    demo.insert("portal requests", ClientPortalRequest, rows)
    demo.insert("portal replies", PortalRequestReply, replies)
    return rows
