"""Reads of deliverables, scoped to the user, and the figures shown in more than one place."""

from __future__ import annotations

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from localbzz.accounts.permissions import Action
from localbzz.db import related_count

from .models import (
    Deliverable,
    DeliverableReview,
    DeliverableStatus,
    DeliverableType,
    ReviewDecision,
)

#: the content plan: a client's monthly target per deliverable type
PLAN = (
    ("Reels", DeliverableType.REEL, "default_reels"),
    ("Photos", DeliverableType.PHOTO, "default_photos"),
    ("Carousels", DeliverableType.CAROUSEL, "default_carousels"),
)


def deliverable_list(*, user, action: str = Action.VIEW) -> QuerySet[Deliverable]:
    """The deliverables ``user`` may see, with ``attachments_count`` (a subquery, no join)."""
    return Deliverable.objects.visible_to(user, action).annotate(
        attachments_count=related_count(Deliverable, "attachments")
    )


def deliverable_rows(*, user) -> QuerySet[Deliverable]:
    """The deliverables ``user`` may see, with the client and assignee a list page shows."""
    return deliverable_list(user=user).select_related("client", "assignee")


def deliverable_get(*, user, pk, action: str = Action.VIEW) -> Deliverable:
    """One deliverable ``user`` may act on, with its client and shoot, else 404."""
    found = deliverable_list(user=user, action=action).select_related("client", "shoot")
    return get_object_or_404(found, pk=pk)


def plan_progress(*, user, client, today=None) -> list[dict]:
    """This month's deliverables of ``client`` against its content plan, one row per type.

    ``percent`` is done / target (100 when the target is 0 and something is done), capped at
    100; ``step`` is the same rounded to 5 (for meters drawn with CSS classes). The client's
    page and its portal show this one figure.
    """
    counts = (
        deliverable_list(user=user)
        .filter(client=client)
        .due_this_month(today)
        .aggregate(**{kind: Count("pk", filter=Q(deliverable_type=kind)) for _, kind, _ in PLAN})
    )
    rows = []
    for label, kind, target_field in PLAN:
        done, target = counts[kind], getattr(client, target_field)
        percent = min(100, round(100 * done / target)) if target else (100 if done else 0)
        rows.append(
            {
                "label": label,
                "type": kind,
                "done": done,
                "target": target,
                "percent": percent,
                "step": 5 * round(percent / 5),
                **plan_bar(done, target),
            }
        )
    return rows


def plan_bar(done: int, target: int) -> dict:
    """How a plan meter draws ``done`` against ``target`` so that 19 of 6 never looks like 6 of
    6: the bar's scale is the larger of the two; the part up to the target is filled, the part
    beyond it is drawn as over plan, and a tick marks the target. Widths are percents of the bar.
    ``state`` is ``under``, ``met`` or ``over``; ``over`` / ``short`` count the difference."""
    scale = max(done, target, 1)
    state = "over" if done > target else ("met" if done == target else "under")
    return {
        "state": state,
        "over": max(done - target, 0),
        "short": max(target - done, 0),
        "fill_pct": round(100 * min(done, target) / scale, 1),
        "over_pct": round(100 * max(done - target, 0) / scale, 1),
        "target_pct": round(100 * target / scale, 1),
    }


def month_start(today=None):
    """The first day of the month ``plan_progress`` counts."""
    return (today or timezone.localdate()).replace(day=1)


#: statuses in which a client's request for changes is still waiting for the producer
REWORK_STATUSES = (DeliverableStatus.TO_DO, DeliverableStatus.IN_PROGRESS)


def _files():
    """The files app's attachment model, reached through the ``attachments`` relation (this
    app does not import the files app)."""
    return Deliverable._meta.get_field("attachments").related_model._default_manager


def _newest_file(column: str, **filters) -> Subquery:
    rows = _files().filter(deliverable=OuterRef("pk"), **filters).order_by("-version")
    return Subquery(rows.values(column)[:1])


def with_pictures(queryset: QuerySet[Deliverable]) -> QuerySet[Deliverable]:
    """Adds what a card or a gallery tile shows of a deliverable's files and reviews, as
    correlated subqueries (no join, no query per row): ``cover_id`` (its newest file that has
    a thumbnail), ``current_version`` and ``current_type`` (its newest file), and
    ``changes_requested`` (the client's last decision asked for changes and the work is not
    back in review yet), with ``last_comment``."""
    last = DeliverableReview.objects.filter(deliverable=OuterRef("pk")).order_by("-created_at")
    return queryset.annotate(
        cover_id=_newest_file("pk", thumbnail_key__gt=""),
        current_version=_newest_file("version"),
        current_type=_newest_file("content_type"),
        last_decision=Subquery(last.values("decision")[:1]),
        last_comment=Subquery(last.values("comment")[:1]),
    ).annotate(
        changes_requested=ExpressionWrapper(
            Q(last_decision=ReviewDecision.CHANGES_REQUESTED, status__in=REWORK_STATUSES),
            output_field=BooleanField(),
        )
    )


def deliverable_reviews(deliverable) -> QuerySet[DeliverableReview]:
    """The client's decisions on a deliverable the caller already may see, newest first, each
    with ``version``: the newest file version uploaded before the decision (the one reviewed)."""
    reviewed = (
        _files()
        .filter(deliverable=OuterRef("deliverable"), created_at__lte=OuterRef("created_at"))
        .order_by()
        .values("deliverable")
        .annotate(v=Max("version"))
        .values("v")
    )
    return (
        DeliverableReview.objects.filter(deliverable=deliverable)
        .select_related("reviewed_by")
        .annotate(version=Subquery(reviewed))
    )


def deliverable_files(deliverable) -> list:
    """The files of a deliverable the caller already may see, newest version first."""
    return list(_files().filter(deliverable=deliverable).order_by("-version"))
