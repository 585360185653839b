"""The cadence planner: a client's next period of shoots and deliverables (DESIGN.md §8).

From an active client's ``shoot_frequency`` and its default reel / photo / carousel counts:
a Monthly client gets one shoot and its counts of deliverables every month; a Quarterly
client gets them once a quarter, planned in the quarter's first month (January, April, July,
October) and due by the quarter's end; Per Project and Ad Hoc clients are planned by hand.
What already exists in the period (shoots starting in it, deliverables due in it) counts
towards the plan, so applying it twice creates nothing more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from deliverables.models import Deliverable
from deliverables.selectors import PLAN, deliverable_list
from deliverables.services import deliverable_create
from shoots.models import Shoot
from shoots.selectors import shoot_list
from shoots.services import shoot_create

from .models import Client, ClientStatus, ShootFrequency

SHOOT_DAY = 10  # a planned shoot: the first weekday from the 10th of the period, 10:00
SHOOT_HOUR = 10
SHOOT_LENGTH = dt.timedelta(hours=2)
EDIT_DAYS = 7  # deliverables are due from a week after the shoot to the period's end


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    @property
    def label(self) -> str:
        return f"{self.start:%Y-%m}"


def parse_month(text: str) -> dt.date:
    """``YYYY-MM`` as the first day of that month (ValueError otherwise)."""
    try:
        year, month = (int(part) for part in text.split("-"))
        return dt.date(year, month, 1)
    except (TypeError, ValueError, AttributeError):
        raise ValueError("Give the period as YYYY-MM.") from None


def next_month(today: dt.date | None = None) -> dt.date:
    first = (today or timezone.localdate()).replace(day=1)
    return (first + dt.timedelta(days=32)).replace(day=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, 1)


def period_of(client: Client, month: dt.date) -> Period | None:
    """The period planned in ``month``, or None (not a planning month for this client)."""
    if client.shoot_frequency == ShootFrequency.MONTHLY:
        months = 1
    elif client.shoot_frequency == ShootFrequency.QUARTERLY and month.month in (1, 4, 7, 10):
        months = 3
    else:
        return None
    return Period(month, _add_months(month, months) - dt.timedelta(days=1))


def _shoot_start(period: Period) -> dt.datetime:
    day = period.start.replace(day=SHOOT_DAY)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(SHOOT_HOUR)))


def _due_dates(period: Period, shoot_day: dt.date, n: int) -> list[dt.date]:
    """``n`` due dates spread from a week after the shoot to the period's last day."""
    first = min(shoot_day + dt.timedelta(days=EDIT_DAYS), period.end)
    span = (period.end - first).days
    return [first + dt.timedelta(days=span * i // max(n - 1, 1)) for i in range(n)]


def _bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(period.start, dt.time.min))
    return start, start + dt.timedelta(days=(period.end - period.start).days + 1)


def _rows(selector, model, user):
    """The user's rows; every row for the schedule's own runs (no user)."""
    return selector(user=user) if user is not None else model.objects.all()


def plan(*, client: Client, month: dt.date, user) -> dict:
    """The plan of ``month`` for ``client``: what it asks for, what exists, what is missing."""
    period = period_of(client, month)
    body = {
        "client_id": str(client.pk),
        "period": f"{month:%Y-%m}",
        "shoot_frequency": client.shoot_frequency,
        "start": None,
        "end": None,
        "reason": "",
        "shoots": {"planned": 0, "existing": 0, "to_create": []},
        "deliverables": [],
    }
    if client.status != ClientStatus.ACTIVE:
        body["reason"] = f"The client is {client.status}: only active clients are planned."
        return body
    if period is None:
        body["reason"] = _no_period_reason(client)
        return body
    body.update(start=period.start.isoformat(), end=period.end.isoformat())
    start, end = _bounds(period)
    shoots = _rows(shoot_list, Shoot, user).filter(
        client=client, shoot_start__gte=start, shoot_start__lt=end
    )
    existing_shoots = shoots.count()
    shoot_start = _shoot_start(period)
    body["shoots"] = {
        "planned": 1,
        "existing": existing_shoots,
        "to_create": []
        if existing_shoots
        else [{"title": f"{period.start:%B %Y} shoot", "shoot_start": shoot_start.isoformat()}],
    }
    have = dict(
        _rows(deliverable_list, Deliverable, user)
        .filter(client=client, due_date__gte=period.start, due_date__lte=period.end)
        .order_by()
        .values_list("deliverable_type")
        .annotate(n=Count("pk"))
    )
    for label, kind, target_field in PLAN:
        target = getattr(client, target_field)
        existing = have.get(kind, 0)
        dates = _due_dates(period, shoot_start.date(), target)
        body["deliverables"].append(
            {
                "type": str(kind),
                "planned": target,
                "existing": existing,
                "to_create": [
                    {
                        "title": f"{label[:-1]} {i + 1} of {target}, {period.start:%B %Y}",
                        "deliverable_type": str(kind),
                        "due_date": dates[i].isoformat(),
                    }
                    for i in range(existing, target)
                ],
            }
        )
    return body


def _no_period_reason(client: Client) -> str:
    if client.shoot_frequency == ShootFrequency.QUARTERLY:
        return "A quarterly client is planned in the quarter's first month."
    return f"A {client.shoot_frequency} client is planned by hand."


@transaction.atomic
def plan_apply(*, client: Client, month: dt.date, user, actor=None) -> dict:
    """Creates what the plan misses, through the services (events emitted); idempotent."""
    Client.objects.select_for_update().filter(pk=client.pk).first()  # one apply at a time
    body = plan(client=client, month=month, user=user)
    created = {"shoots": 0, "deliverables": 0}
    shoot = None
    for item in body["shoots"]["to_create"]:
        shoot = shoot_create(
            actor=actor,
            client=client,
            title=item["title"],
            shoot_start=dt.datetime.fromisoformat(item["shoot_start"]),
            duration=SHOOT_LENGTH,
        )
        created["shoots"] += 1
    for row in body["deliverables"]:
        for item in row["to_create"]:
            deliverable_create(
                actor=actor,
                client=client,
                shoot=shoot,
                title=item["title"],
                deliverable_type=item["deliverable_type"],
                due_date=dt.date.fromisoformat(item["due_date"]),
            )
            created["deliverables"] += 1
    return {"created": created, "plan": plan(client=client, month=month, user=user)}


def clients_to_plan():
    """Active clients on a Monthly or Quarterly cadence (the monthly job's list)."""
    return Client.objects.filter(
        status=ClientStatus.ACTIVE,
        shoot_frequency__in=(ShootFrequency.MONTHLY, ShootFrequency.QUARTERLY),
    )
