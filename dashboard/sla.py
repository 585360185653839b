"""Request SLAs: a portal request whose priority has targets (``REQUEST_SLA_HOURS``: Urgent by
default) starts two clocks when it arrives, the first response (the first reply by the agency,
or its conversion into work) and the resolution (Done). ``request_clocks`` says where each
clock stands for the request pages; ``check_request_slas`` (a scheduled job every 15 minutes)
notifies the staff of each clock that ran out, once (``NotificationKind.SLA_BREACHED``).

Computed from what requests already record: no field of their own. A Done request's
resolution time is its last change (``updated_at``).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from localbzz.accounts.permissions import staff_users
from localbzz.events.models import Notification, NotificationKind
from localbzz.events.notifications import Message, deliver
from portal.models import ClientPortalRequest, PortalRequestReply, RequestStatus

CLOCKS = (("first_response", "First response"), ("resolution", "Resolution"))


def targets(priority: str) -> dict:
    """``{clock: hours}`` of ``priority`` (0 or missing: no clock)."""
    hours = getattr(settings, "REQUEST_SLA_HOURS", {}).get(priority, {})
    return {name: int(hours.get(name) or 0) for name, _ in CLOCKS}


def with_first_reply(queryset):
    """Adds ``first_reply_at``: the first reply written by the agency (not a client user)."""
    replies = PortalRequestReply.objects.filter(request=OuterRef("pk")).exclude(
        author__role="client"
    )
    return queryset.annotate(
        first_reply_at=Subquery(replies.order_by("created_at").values("created_at")[:1])
    )


def _answered_at(request):
    times = [t for t in (getattr(request, "first_reply_at", None), request.converted_at) if t]
    if request.status == RequestStatus.DONE:
        times.append(request.updated_at)
    return min(times) if times else None


def request_clocks(request, now=None) -> list[dict]:
    """The request's clocks: ``{name, label, hours, due_at, done_at, state}``, ``state``
    ``running``, ``met`` or ``breached``; an empty list when its priority starts none.
    ``request`` needs ``first_reply_at`` (``with_first_reply``)."""
    now = now or timezone.now()
    done = {
        "first_response": _answered_at(request),
        "resolution": request.updated_at if request.status == RequestStatus.DONE else None,
    }
    clocks = []
    for name, label in CLOCKS:
        hours = targets(request.priority)[name]
        if not hours:
            continue
        due_at = request.created_at + timedelta(hours=hours)
        done_at = done[name]
        if done_at:
            state = "met" if done_at <= due_at else "breached"
        else:
            state = "breached" if now > due_at else "running"
        clocks.append(
            {
                "name": name,
                "label": label,
                "hours": hours,
                "due_at": due_at,
                "done_at": done_at,
                "state": state,
            }
        )
    return clocks


def _running_late(now) -> list[tuple]:
    """``(request, clock)`` of every open clock past its due time."""
    found = []
    priorities = getattr(settings, "REQUEST_SLA_HOURS", {})
    for priority in priorities:
        hours = targets(priority)
        if not any(hours.values()):
            continue
        longest = max(hours.values())
        rows = with_first_reply(
            ClientPortalRequest.objects.filter(priority=priority)
            .exclude(status=RequestStatus.DONE)
            # a clock ran out at most a week before it is checked: older ones were notified
            .filter(created_at__gte=now - timedelta(hours=longest, days=7))
            .filter(Q(created_at__lt=now - timedelta(hours=min(h for h in hours.values() if h))))
            .select_related("client")
        )
        for request in rows:
            for clock in request_clocks(request, now):
                if clock["state"] == "breached" and not clock["done_at"]:
                    found.append((request, clock))
    return found


def check_request_slas(now=None) -> int:
    """Notifies every staff user of each clock that ran out since the last check (once per
    request and clock); answers how many breaches it notified."""
    now = now or timezone.now()
    staff = None
    notified = 0
    for request, clock in _running_late(now):
        url = reverse("requests:detail", args=[request.pk])
        title = f"SLA breached: {clock['label'].lower()} of an {request.priority.lower()} request"
        if Notification.objects.filter(
            kind=NotificationKind.SLA_BREACHED, url=url, title=title[:200]
        ).exists():
            continue
        staff = staff if staff is not None else list(staff_users())
        first_line = (request.content.strip().splitlines() or [""])[0][:120]
        body = (
            f"{request.client.name}: {first_line}\n\n{clock['label']} was due within "
            f"{clock['hours']} h, by {timezone.localtime(clock['due_at']):%Y-%m-%d %H:%M}."
        )
        deliver(Message(NotificationKind.SLA_BREACHED, title[:200], body, url), staff)
        notified += 1
    return notified
