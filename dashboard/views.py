"""The staff home page: today at a glance, across every entity app."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.shortcuts import render
from django.utils import timezone

from deliverables.models import DeliverableStatus
from deliverables.selectors import deliverable_list, with_pictures
from forms.models import ApprovalStatus
from forms.selectors import form_submission_list
from localbzz.accounts.mixins import staff_required
from localbzz.web import day_start, week_bounds
from portal.models import RequestStatus
from portal.selectors import portal_request_list
from shoots.models import ShootStatus
from shoots.selectors import shoot_list
from tasks.selectors import task_list

STATUS_COLOURS = {
    "To Do": "#94a3b8",
    "In Progress": "#3b82f6",
    "Needs Review": "#f59e0b",
    "Ready-To-Post": "#8b5cf6",
    "Delivered": "#10b981",
}


# --- home ----------------------------------------------------------------------------------
def home_context(request) -> dict:
    """Everything the home cards show: counts and the first rows of each list.

    Each card is a named rule of its list (a QuerySet method), and links to that list
    filtered the same way, with the API's parameter names.
    """
    user = request.user
    shoots = shoot_list(user=user).prefetch_related(None).select_related("client")
    shoots = shoots.exclude(status=ShootStatus.CANCELLED)
    deliverables = deliverable_list(user=user).select_related("client")
    my_tasks = task_list(user=user).prefetch_related(None).select_related("client")
    rows = {
        "today_shoots": shoots.today().order_by("shoot_start"),
        "week_shoots": shoots.this_week().order_by("shoot_start"),
        "overdue": deliverables.overdue().order_by("due_date"),
        "due_soon": deliverables.due_soon().order_by("due_date"),
        "review": deliverables.filter(status=DeliverableStatus.NEEDS_REVIEW).order_by(
            "status_changed_at"
        ),
        "my_tasks": my_tasks.assigned_to(user.team_member_id).open().order_by("due_date", "name"),
        # the client's comment reaches whoever makes the deliverable (its assignee)
        "my_changes": with_pictures(
            deliverables.changes_requested().filter(assignee_id=user.team_member_id)
            if user.team_member_id
            else deliverables.changes_requested()
        ).order_by("due_date"),
        "new_requests": portal_request_list(user=user)
        .filter(status=RequestStatus.NEW)
        .select_related("client"),
        "pending": form_submission_list(user=user).filter(approval_status=ApprovalStatus.PENDING),
    }
    # One counting query per table rather than one per card.
    counts = {
        **count_each(shoots, {k: rows[k] for k in ("today_shoots", "week_shoots")}),
        **count_each(
            deliverables, {k: rows[k] for k in ("overdue", "due_soon", "review", "my_changes")}
        ),
    }

    def card(key, title, url, limit=5):
        count = counts[key] if key in counts else rows[key].count()
        return {"title": title, "rows": list(rows[key][:limit]), "count": count, "url": url}

    return {
        "today": timezone.localdate(),
        "cards": {
            key: card(key, title, url)
            for key, title, url in (
                ("today_shoots", "Shoots today", "/shoots/?when=today"),
                ("week_shoots", "Shoots this week", "/shoots/?when=week"),
                ("overdue", "Overdue deliverables", "/deliverables/?due=overdue"),
                ("due_soon", "Due in the next 7 days", "/deliverables/?due=soon"),
                ("review", "Waiting for client review", "/deliverables/?status=Needs+Review"),
                (
                    "my_changes",
                    "Changes requested on my work",
                    f"/deliverables/?feedback=changes_requested&assignee_id={user.team_member_id}"
                    if user.team_member_id
                    else "/deliverables/?feedback=changes_requested",
                ),
                ("my_tasks", "My open tasks", "/tasks/?mine=1&open=1"),
                ("new_requests", "New portal requests", "/requests/?status=New"),
                ("pending", "Pending form submissions", "/submissions/?approval_status=Pending"),
            )
        },
    }


def count_each(base, narrowed: dict) -> dict:
    """``{name: row count}`` of querysets that each narrow ``base``, in one query.

    Each count is ``base`` filtered by the pks the narrowed queryset keeps: the named rules
    stay QuerySet methods, and the database still answers every card of a table at once.
    """
    return base.order_by().aggregate(
        **{
            name: Count("pk", filter=Q(pk__in=qs.order_by().values("pk")))
            for name, qs in narrowed.items()
        }
    )


def status_chart(user, weeks: int = 8) -> dict:
    """Deliverables per week of their last status change, stacked by status, as SVG data."""
    today = timezone.localdate()
    first, _ = week_bounds(today - timedelta(weeks=weeks - 1))
    rows = (
        deliverable_list(user=user)
        .filter(status_changed_at__gte=day_start(first))
        .annotate(week=TruncWeek("status_changed_at"))
        .values("week", "status")
        .annotate(n=Count("id"))
    )
    starts = [first + timedelta(weeks=i) for i in range(weeks)]
    table = {s: dict.fromkeys(DeliverableStatus.values, 0) for s in starts}
    for row in rows:
        week = row["week"]
        week = week.date() if hasattr(week, "date") else week
        if week in table:
            table[week][row["status"]] += row["n"]
    highest = max([sum(v.values()) for v in table.values()] + [1])
    tick = nice_step(highest)
    top = tick * -(-highest // tick)  # the axis ends on the first tick at or above the tallest bar
    width, height, pad, left, bar = 560, 200, 24, 40, 44
    gap = (width - left - pad) / weeks
    ticks = [
        {"value": v, "y": round(height - pad - (height - pad * 2) * v / top, 1)}
        for v in range(0, top + 1, tick)
    ]
    bars = []
    for i, start in enumerate(starts):
        x = left + i * gap + (gap - bar) / 2
        y = height - pad
        segments = []
        for status in DeliverableStatus.values:
            n = table[start][status]
            if not n:
                continue
            h = (height - pad * 2) * n / top
            y -= h
            segments.append(
                {
                    "y": round(y, 1),
                    "h": round(h, 1),
                    "colour": STATUS_COLOURS[status],
                    "status": status,
                    "n": n,
                }
            )
        bars.append(
            {
                "x": round(x, 1),
                "mid": round(x + bar / 2, 1),
                "top": round(y, 1),
                "w": bar,
                "label": start.strftime("%d %b"),
                "segments": segments,
                "total": sum(table[start].values()),
            }
        )
    legend = [{"status": s, "colour": c} for s, c in STATUS_COLOURS.items()]
    return {
        "bars": bars,
        "legend": legend,
        "width": width,
        "height": height,
        "base": height - pad,
        "left": left,
        "top": top,
        "ticks": ticks,
    }


def nice_step(highest: int, lines: int = 4) -> int:
    """An axis step of 1, 2 or 5 times a power of ten giving about ``lines`` gridlines."""
    raw = max(highest / lines, 1)
    power = 10 ** (len(str(int(raw))) - 1)
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


@staff_required
def home(request):
    """Today at a glance."""
    context = home_context(request)
    context["chart"] = status_chart(request.user)
    return render(request, "dashboard/home.html", context)


@staff_required
def home_cards(request):
    """The home cards alone, for live refresh."""
    return render(request, "dashboard/_cards.html", home_context(request))
