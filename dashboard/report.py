"""Contracted vs delivered: a client's period (a month or a quarter) of the content plan
against what was produced, approved and posted, with its risk flags.

One selector, ``client_report``, computes the figures in one query; the API
(``/api/clients/:id/report``), its PDF, the client's dashboard page and the portal home all
show its answer. A deliverable counts in the period its due date falls in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from deliverables.models import DONE_STATUSES, DeliverableStatus, DeliverableType
from deliverables.selectors import PLAN, deliverable_list, plan_bar

#: a deliverable in review longer than this many days flags "awaiting the client too long"
AWAITING_CLIENT_DAYS = 5

#: the measures of the report, in the order the chart and the PDF show them
MEASURES = ("planned", "produced", "approved", "posted", "overdue", "awaiting_client")

#: what each measure counts among the deliverables due in the period (``planned`` is the plan)
_PRODUCED = (DeliverableStatus.NEEDS_REVIEW, *DONE_STATUSES)
_RULES = {
    "produced": Q(status__in=_PRODUCED),
    "approved": Q(status__in=DONE_STATUSES),
    "posted": Q(status=DeliverableStatus.DELIVERED),
    "awaiting_client": Q(status=DeliverableStatus.NEEDS_REVIEW),
}

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True)
class Period:
    """``start`` (first day) to ``end`` (exclusive); ``months`` in it; ``label`` as given."""

    start: dt.date
    end: dt.date
    months: int
    label: str


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def parse_period(text: str | None, today: dt.date | None = None) -> Period:
    """``YYYY-MM`` (a month) or ``YYYY-Qn`` (a quarter); empty: this month. ValueError else."""
    today = today or timezone.localdate()
    text = (text or f"{today:%Y-%m}").strip()
    if found := _MONTH.match(text):
        year, month = int(found[1]), int(found[2])
        if 1 <= month <= 12 and 2000 <= year <= 9998:
            start = dt.date(year, month, 1)
            return Period(start, _add_months(start, 1), 1, text)
    if found := _QUARTER.match(text.upper()):
        year, quarter = int(found[1]), int(found[2])
        if 2000 <= year <= 9998:
            start = dt.date(year, 3 * quarter - 2, 1)
            return Period(start, _add_months(start, 3), 3, text.upper())
    raise ValueError("Give the period as YYYY-MM (a month) or YYYY-Qn (a quarter).")


def _elapsed(period: Period, today: dt.date) -> float:
    """The share of the period gone by ``today`` (0 before it, 1 after it)."""
    if today < period.start:
        return 0.0
    if today >= period.end:
        return 1.0
    return ((today - period.start).days + 1) / (period.end - period.start).days


def _aggregates(today: dt.date, stale_before: dt.datetime) -> dict:
    rules = {
        **_RULES,
        "overdue": ~Q(status__in=DONE_STATUSES) & Q(due_date__lt=today),  # as .overdue()
        "stale": Q(status=DeliverableStatus.NEEDS_REVIEW, status_changed_at__lt=stale_before),
    }
    return {
        f"{kind}__{name}": Count("pk", filter=rule & Q(deliverable_type=kind))
        for kind in DeliverableType.values
        for name, rule in rules.items()
    }


def client_report(*, user, client, period: Period, today: dt.date | None = None) -> dict:
    """The report of ``client`` over ``period``, as ``user`` may see its deliverables.

    ``planned`` is the content plan's monthly targets times the months in the period;
    ``produced`` what reached review or beyond, ``approved`` what the client approved
    (Ready-To-Post or Delivered), ``posted`` what was delivered, ``overdue`` what is open and
    past its due date, ``awaiting_client`` what waits for the client's review. ``by_type``
    has the same figures per deliverable type; ``risks`` lists the flags that are up."""
    today = today or timezone.localdate()
    days = getattr(settings, "REPORT_AWAITING_CLIENT_DAYS", AWAITING_CLIENT_DAYS)
    stale_before = timezone.now() - timedelta(days=days)
    rows = (
        deliverable_list(user=user)
        .filter(client=client, due_date__gte=period.start, due_date__lt=period.end)
        .aggregate(**_aggregates(today, stale_before))
    )
    targets = {kind: getattr(client, field) * period.months for _, kind, field in PLAN}
    by_type = {}
    for kind in DeliverableType.values:
        figures = {"planned": targets.get(kind, 0)}
        figures.update({name: rows[f"{kind}__{name}"] for name in MEASURES[1:]})
        by_type[kind] = figures
    totals = {name: sum(f[name] for f in by_type.values()) for name in MEASURES}
    stale = sum(rows[f"{kind}__stale"] for kind in DeliverableType.values)
    return {
        "client_id": client.pk,
        "client": client.name,
        "period": period.label,
        "start": period.start,
        "end": period.end - timedelta(days=1),
        **totals,
        "by_type": by_type,
        "risks": _risks(totals, stale, days, _elapsed(period, today)),
    }


def _risks(totals: dict, stale: int, days: int, elapsed: float) -> list[dict]:
    """The flags that are up: ``behind_plan`` (produced short of the plan's share of the
    period gone by), ``overdue``, ``awaiting_client`` (in review for more than ``days``)."""
    risks = []
    expected = int(totals["planned"] * elapsed)
    if totals["produced"] < expected:
        risks.append(
            {
                "code": "behind_plan",
                "count": expected - totals["produced"],
                "message": f"Behind plan: {totals['produced']} produced, "
                f"{expected} expected by now of {totals['planned']} planned.",
            }
        )
    if totals["overdue"]:
        risks.append(
            {
                "code": "overdue",
                "count": totals["overdue"],
                "message": f"{totals['overdue']} overdue (open past the due date).",
            }
        )
    if stale:
        risks.append(
            {
                "code": "awaiting_client",
                "count": stale,
                "message": f"{stale} awaiting the client's review for more than {days} days.",
            }
        )
    return risks


#: the chart's bars per type, with their colours (the plan meter's palette)
CHART_BARS = (
    ("planned", "#94a3b8"),
    ("produced", "#2563eb"),
    ("approved", "#059669"),
    ("posted", "#0f766e"),
)


def report_chart(report: dict) -> dict:
    """How the chart draws ``report``: per planned type (and Other when it has work), a group
    of bars (planned, produced, approved, posted) on one scale, plus the plan meter of produced
    against planned (``plan_bar``). Heights are percents of the tallest bar."""
    groups = [
        (label, kind)
        for label, kind, _ in PLAN
        if report["by_type"][kind]["planned"] or report["by_type"][kind]["produced"]
    ]
    other = report["by_type"][DeliverableType.OTHER]
    if other["produced"] or other["overdue"]:
        groups.append(("Other", DeliverableType.OTHER))
    scale = max([1, *(report["by_type"][k][m] for _, k in groups for m, _ in CHART_BARS)])
    out = []
    for index, (label, kind) in enumerate(groups):
        figures = report["by_type"][kind]
        bars = []
        for position, (name, colour) in enumerate(CHART_BARS):
            height = round(100 * figures[name] / scale, 1)
            bars.append(
                {
                    "name": name,
                    "value": figures[name],
                    "colour": colour,
                    "x": index * 60 + 8 + position * 11,
                    "y": 100 - height,
                    "height": height,
                    "label_x": index * 60 + 13 + position * 11,
                    "label_y": max(round(98 - height, 1), 7),
                }
            )
        out.append(
            {
                "label": label,
                "x": index * 60 + 30,
                "bars": bars,
                **plan_bar(figures["produced"], figures["planned"]),
            }
        )
    return {"groups": out, "width": max(60 * len(out), 60), "scale": scale, "legend": CHART_BARS}
