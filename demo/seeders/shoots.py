"""Shoots every 10-18 days: three months back to six weeks ahead for active clients, three
months back to six weeks ago for inactive ones; each with a creator, an editor, maybe a
scheduler."""

from __future__ import annotations

from datetime import timedelta

from clients.models import Client, ClientStatus
from demo.data import STREETS, TOPICS
from demo.seeders.base import Demo
from demo.seeders.team import Crew
from shoots.models import Shoot, ShootAssignment, ShootStatus
from shoots.tests.factories import build_shoot

WINDOW = {ClientStatus.ACTIVE: (-90, 45), ClientStatus.INACTIVE: (-90, -40)}


def _status(demo: Demo, start) -> str:
    if start < demo.now:
        return demo.rng.choices([ShootStatus.COMPLETED, ShootStatus.CANCELLED], weights=[9, 1])[0]
    return demo.rng.choices([ShootStatus.SCHEDULED, ShootStatus.POSTPONED], weights=[8, 1])[0]


def _crew(demo: Demo, crew: Crew) -> dict:
    """Team member id → role on the shoot."""
    rng = demo.rng
    chosen = {rng.choice(crew.creators or crew.members).id: "Content Creator"}
    chosen.setdefault(rng.choice(crew.editors).id, "Editor")
    if rng.random() < 0.4:
        chosen.setdefault(rng.choice(crew.members).id, "Scheduler")
    return chosen


def seed_shoots(demo: Demo, clients: list[Client], crew: Crew) -> list[Shoot]:
    """The shoots, each with ``client`` set and ``crew`` (its members' ids) for the tasks."""
    rng = demo.rng
    shoots, assignments = [], []
    for client in clients:
        if client.status not in WINDOW:
            continue
        first, last = WINDOW[client.status]
        day = first + rng.randint(0, 10)
        while day <= last:
            start = demo.now + timedelta(days=day, hours=rng.randint(1, 7))
            duration = timedelta(minutes=30 * rng.randint(2, 8))
            status = _status(demo, start)
            shoot = build_shoot(
                client_id=client.id,
                title=f"{rng.choice(TOPICS)} shoot",
                shoot_start=start,
                duration=duration,
                status=status,
                location=f"{rng.randint(1, 400)} {rng.choice(STREETS)}",
                calendar_event_link=f"https://calendar.google.com/event?eid={day + 100}",
                drive_folder_link=f"https://drive.google.com/drive/folders/{rng.getrandbits(64):016x}",
                notes="Bring the gimbal and two softboxes." if day % 3 == 0 else "",
            )
            shoot.client = client
            demo.stamp(shoot, start - timedelta(days=21), min(start, demo.now))
            shoots.append(shoot)
            members = _crew(demo, crew)
            shoot.crew = list(members)
            assignments += [
                ShootAssignment(shoot_id=shoot.id, team_member_id=m, role=r)
                for m, r in members.items()
            ]
            day += rng.randint(10, 18)
    demo.insert("shoots", Shoot, shoots)
    demo.insert("shoot assignments", ShootAssignment, assignments)
    return shoots
