"""Deliverables: each shoot's plan (the client's reels, photos and carousels) plus three story
graphics per active client; statuses that fit their due dates; some client reviews."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from clients.models import Client
from deliverables.models import (
    Deliverable,
    DeliverableReview,
    DeliverableStatus,
    DeliverableType,
    ReviewDecision,
)
from deliverables.tests.factories import build_deliverable
from demo.data import TOPICS
from demo.seeders.base import Demo
from demo.seeders.team import Crew
from localbzz.accounts.models import User
from shoots.models import Shoot, ShootStatus

DONE = (DeliverableStatus.READY_TO_POST, DeliverableStatus.DELIVERED)


def _status(demo: Demo, shoot: Shoot | None, due: date) -> str:
    age = (demo.now.date() - due).days
    if shoot is not None and shoot.shoot_start > demo.now:
        return DeliverableStatus.TO_DO
    if age > 10:
        weights = [0, 1, 1, 6, 12]
    elif age > -7:
        weights = [2, 5, 5, 4, 1]
    else:
        weights = [6, 4, 2, 0, 0]
    return demo.rng.choices(DeliverableStatus.values, weights=weights)[0]


def _plan(shoots: list[Shoot], active: list[Client]) -> list[tuple]:
    """(client, shoot or None, type, number) of every deliverable to make."""
    plan = []
    for shoot in shoots:
        if shoot.status == ShootStatus.CANCELLED:
            continue
        c = shoot.client
        for kind, count in (
            (DeliverableType.REEL, c.default_reels),
            (DeliverableType.PHOTO, c.default_photos),
            (DeliverableType.CAROUSEL, c.default_carousels),
        ):
            plan += [(c, shoot, kind, n) for n in range(count)]
    for client in active:
        plan += [(client, None, DeliverableType.OTHER, n) for n in range(3)]
    return plan


def _review(demo: Demo, deliverable, owner: User | None, changed) -> DeliverableReview | None:
    """An owner's approval of some finished work, or a request for changes on work in progress."""
    rng = demo.rng
    status = deliverable.status
    if owner is not None and status in DONE and rng.random() < 0.4:
        decision = ReviewDecision.APPROVED
        comment = "Looks great!" if rng.random() < 0.5 else ""
    elif owner is not None and status == "In Progress" and rng.random() < 0.2:
        decision = ReviewDecision.CHANGES_REQUESTED
        comment = "Can the music be calmer and the logo bigger?"
    else:
        return None
    review = DeliverableReview(
        deliverable_id=deliverable.id,
        decision=decision,
        comment=comment,
        reviewed_by_id=owner.id,
    )
    return demo.stamp(review, changed - timedelta(hours=2))


def seed_deliverables(
    demo: Demo,
    shoots: list[Shoot],
    active: list[Client],
    crew: Crew,
    owners: dict[uuid.UUID, User],
) -> list[Deliverable]:
    rng = demo.rng
    rows, reviews = [], []
    for client, shoot, kind, n in _plan(shoots, active):
        base = shoot.shoot_start if shoot else demo.now - timedelta(days=rng.randint(0, 60))
        due = (base + timedelta(days=rng.randint(5, 14))).date()
        status = _status(demo, shoot, due)
        changed = min(base + timedelta(days=rng.randint(1, 12)), demo.now)
        label = "Story graphic" if kind == DeliverableType.OTHER else kind.label
        done = status in DONE
        deliverable = build_deliverable(
            client_id=client.id,
            shoot_id=shoot.id if shoot else None,
            title=f"{label} {n + 1}: {rng.choice(TOPICS)}",
            deliverable_type=kind,
            status=status,
            due_date=due,
            file_link=demo.drive_link() if status != DeliverableStatus.TO_DO else "",
            caption=f"{rng.choice(TOPICS)} at {client.name}! Come see us this week."
            if done
            else "",
            posting_instructions="Post Tue or Thu, 11am. Tag the location." if done else "",
            assignee_id=rng.choice(crew.editors).id,
            status_changed_at=changed,
        )
        rows.append(demo.stamp(deliverable, base - timedelta(days=2), changed))
        review = _review(demo, deliverable, owners.get(client.id), changed)
        if review is not None:
            reviews.append(review)
    demo.insert("deliverables", Deliverable, rows)
    demo.insert("deliverable reviews", DeliverableReview, reviews)
    return rows
