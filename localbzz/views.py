"""The dashboard home page, and small helpers shared by every dashboard view."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from deliverables.models import Deliverable, DeliverableStatus
from forms.models import ApprovalStatus, FormSubmission
from localbzz.accounts.mixins import staff_required
from portal.models import ClientPortalRequest, RequestStatus
from shoots.models import Shoot, ShootStatus
from tasks.models import Task, TaskStatus

PER_PAGE = 25
DONE_DELIVERABLE = [DeliverableStatus.READY_TO_POST, DeliverableStatus.DELIVERED]
STATUS_COLOURS = {
    "To Do": "#94a3b8",
    "In Progress": "#3b82f6",
    "Needs Review": "#f59e0b",
    "Ready-To-Post": "#8b5cf6",
    "Delivered": "#10b981",
}


# --- helpers shared by the apps' dashboard views -------------------------------------------
def is_htmx(request) -> bool:
    """Whether htmx sent the request (it then wants a partial, not a page)."""
    return request.headers.get("HX-Request") == "true"


def paginate(request, queryset, per_page: int = PER_PAGE):
    """The requested page of ``queryset`` and the query string to keep filters across pages."""
    page_obj = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return page_obj, f"{encoded}&" if encoded else ""


def week_bounds(day):
    """Monday and next Monday around ``day``."""
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=7)


def day_start(day):
    """The aware datetime at the start of a local date."""
    return timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))


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


def call_service(form, func, **kwargs):
    """Runs a service; its ValidationError lands on the form's fields. None when it failed."""
    try:
        return func(**kwargs)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        return None


def safe_next(request, default: str) -> str:
    """The ``next`` the user came from when it is on this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def confirm_page(
    request, *, title: str, question: str, action: str, cancel_url: str, button="Delete"
):
    """The confirmation page a destructive action shows before it runs."""
    return render(
        request,
        "confirm.html",
        {
            "title": title,
            "question": question,
            "action": action,
            "cancel_url": cancel_url,
            "button": button,
        },
    )


def confirm_then_delete(
    request, obj, *, delete, question: str, cancel_url: str, done: str, to: str
):
    """A delete action: GET shows the confirmation page, POST runs ``delete()`` and leaves."""
    if request.method != "POST":
        return confirm_page(
            request,
            title=f"Delete {obj._meta.verbose_name}",
            question=question,
            action=request.path,
            cancel_url=cancel_url,
        )
    delete()
    messages.success(request, done)
    return redirect(to)
