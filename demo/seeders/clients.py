"""The clients: the twelve of ``CLIENTS`` and, per extra scale, twelve more made-up ones."""

from __future__ import annotations

from datetime import timedelta

from django.utils.text import slugify

from clients.models import Client, ClientStatus, ContactMethod, ShootFrequency
from clients.tests.factories import build_client
from demo.data import CLIENTS, NAME_FIRST, NAME_KIND
from demo.seeders.base import Demo

FIELDS = ("name", "sub", "status", "industry", "contact", "freq")


def _made_up(demo: Demo, i: int) -> dict:
    rng = demo.rng
    kind, industry = rng.choice(NAME_KIND)
    name = f"{rng.choice(NAME_FIRST)} {kind}"
    status = rng.choices(ClientStatus.values, weights=[6, 2, 2])[0]
    return {
        "name": f"{name} #{i + 2}",
        "sub": f"{slugify(name)}-{i + 2}",
        "status": status,
        "industry": industry,
        "contact": demo.person(),
        "freq": rng.choice(ShootFrequency.values),
    }


def seed_clients(demo: Demo) -> list[Client]:
    """Every client (each with an ``industry`` attribute, for the form submissions)."""
    rng = demo.rng
    rows = [dict(zip(FIELDS, c, strict=True)) for c in CLIENTS]
    rows += [_made_up(demo, i) for i in range(len(CLIENTS) * (demo.scale - 1))]
    clients: list[Client] = []
    for n, row in enumerate(rows):
        client = build_client(
            name=row["name"],
            status=row["status"],
            primary_contact_name=row["contact"],
            email=f"hello@{row['sub']}.test",
            phone=f"+1 555 02{n % 100:02d}",
            client_portal_subdomain=row["sub"],
            shoot_frequency=row["freq"],
            default_reels=rng.randint(2, 6),
            default_photos=rng.randint(3, 8),
            default_carousels=rng.randint(0, 3),
            services=rng.sample(["Reels", "Photography", "Carousels", "Captions"], 3),
            platforms=rng.sample(["Instagram", "TikTok", "Facebook", "LinkedIn"], 2),
            preferred_contact_method=rng.choice(ContactMethod.values),
            notes=f"{row['industry']} business. Prefers natural light and a warm tone.",
        )
        client.industry = row["industry"]
        demo.stamp(client, demo.now - timedelta(days=rng.randint(100, 700)))
        clients.append(client)
    return demo.insert("clients", Client, clients)


def active_clients(clients: list[Client]) -> list[Client]:
    return [c for c in clients if c.status == ClientStatus.ACTIVE]
