"""The staff home page: today at a glance, across every entity app."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.shortcuts import render
from django.utils import timezone

from deliverables.models import Deliverable, DeliverableStatus
from forms.models import ApprovalStatus, FormSubmission
from localbzz.accounts.mixins import staff_required
from localbzz.web import day_start, week_bounds
from portal.models import ClientPortalRequest, RequestStatus
from shoots.models import Shoot, ShootStatus
from tasks.models import Task, TaskStatus

DONE_DELIVERABLE = [DeliverableStatus.READY_TO_POST, DeliverableStatus.DELIVERED]
STATUS_COLOURS = {
    "To Do": "#94a3b8",
    "In Progress": "#3b82f6",
    "Needs Review": "#f59e0b",
    "Ready-To-Post": "#8b5cf6",
    "Delivered": "#10b981",
}


# --- home ----------------------------------------------------------------------------------
def home_context(request) -> dict:
    """Everything the home cards show: counts and the first rows of each list."""
    user = request.user
    today = timezone.localdate()
    week_start, week_end = week_bounds(today)
    shoots = (
        Shoot.objects.visible_to(user)
        .select_related("client")
        .exclude(status=ShootStatus.CANCELLED)
    )
    today_shoots = shoots.filter(
        shoot_start__gte=day_start(today), shoot_start__lt=day_start(today + timedelta(days=1))
    ).order_by("shoot_start")
    week_shoots = shoots.filter(
        shoot_start__gte=day_start(week_start), shoot_start__lt=day_start(week_end)
    ).order_by("shoot_start")
    open_deliverables = (
        Deliverable.objects.visible_to(user)
        .select_related("client")
        .exclude(status__in=DONE_DELIVERABLE)
    )
    overdue = open_deliverables.filter(due_date__lt=today).order_by("due_date")
    due_soon = open_deliverables.filter(
        due_date__gte=today, due_date__lte=today + timedelta(days=7)
    ).order_by("due_date")
    review = (
        Deliverable.objects.visible_to(user)
        .select_related("client")
        .filter(status=DeliverableStatus.NEEDS_REVIEW)
        .order_by("status_changed_at")
    )
    my_tasks = Task.objects.none()
    if user.team_member_id:
        my_tasks = (
            Task.objects.visible_to(user)
            .filter(assignees=user.team_member_id)
            .exclude(status=TaskStatus.COMPLETED)
            .select_related("client")
            .order_by("due_date", "name")
        )
    new_requests = (
        ClientPortalRequest.objects.visible_to(user)
        .filter(status=RequestStatus.NEW)
        .select_related("client")
    )
    pending = FormSubmission.objects.visible_to(user).filter(approval_status=ApprovalStatus.PENDING)

    # One counting query per table rather than one per card.
    today_q = Q(shoot_start__gte=day_start(today), shoot_start__lt=day_start(today + timedelta(1)))
    week_q = Q(shoot_start__gte=day_start(week_start), shoot_start__lt=day_start(week_end))
    shoot_counts = shoots.order_by().aggregate(
        today_shoots=Count("pk", filter=today_q), week_shoots=Count("pk", filter=week_q)
    )
    done = Q(status__in=DONE_DELIVERABLE)
    deliverable_counts = (
        Deliverable.objects.visible_to(user)
        .order_by()
        .aggregate(
            overdue=Count("pk", filter=Q(due_date__lt=today) & ~done),
            due_soon=Count(
                "pk", filter=Q(due_date__gte=today, due_date__lte=today + timedelta(7)) & ~done
            ),
            review=Count("pk", filter=Q(status=DeliverableStatus.NEEDS_REVIEW)),
        )
    )
    counts = {**shoot_counts, **deliverable_counts}

    def card(title, qs, url, limit=5, key=None):
        count = counts[key] if key in counts else qs.count()
        return {"title": title, "rows": list(qs[:limit]), "count": count, "url": url}

    return {
        "today": today,
        "cards": {
            "today_shoots": card(
                "Shoots today", today_shoots, "/shoots/?when=today", key="today_shoots"
            ),
            "week_shoots": card(
                "Shoots this week", week_shoots, "/shoots/?when=week", key="week_shoots"
            ),
            "overdue": card(
                "Overdue deliverables", overdue, "/deliverables/?due=overdue", key="overdue"
            ),
            "due_soon": card(
                "Due in the next 7 days", due_soon, "/deliverables/?due=soon", key="due_soon"
            ),
            "review": card(
                "Waiting for client review",
                review,
                "/deliverables/?status=Needs+Review",
                key="review",
            ),
            "my_tasks": card("My open tasks", my_tasks, "/tasks/?mine=1&open=1"),
            "new_requests": card("New portal requests", new_requests, "/requests/?status=New"),
            "pending": card("Pending form submissions", pending, "/submissions/?status=Pending"),
        },
    }


def status_chart(user, weeks: int = 8) -> dict:
    """Deliverables per week of their last status change, stacked by status, as SVG data."""
    today = timezone.localdate()
    first, _ = week_bounds(today - timedelta(weeks=weeks - 1))
    rows = (
        Deliverable.objects.visible_to(user)
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
    top = max([sum(v.values()) for v in table.values()] + [1])
    width, height, pad, bar = 560, 180, 24, 44
    gap = (width - pad * 2) / weeks
    bars = []
    for i, start in enumerate(starts):
        x = pad + i * gap + (gap - bar) / 2
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
        "top": top,
    }


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
