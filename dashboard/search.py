"""Global search: one box across clients, shoots, deliverables, tasks, requests and people.

Each group reads through its app's selector (scoped to the user: ``visible_to`` and the
policies), matches every word of the query in the fields its FilterSet's ``search`` names
(one definition per entity) or in an assignee's name, and costs one query whatever it finds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from clients.filtersets import ClientFilterSet
from clients.selectors import client_list
from deliverables.filtersets import DeliverableFilterSet
from deliverables.selectors import deliverable_list
from portal.filtersets import PortalRequestFilterSet
from portal.selectors import portal_request_list
from shoots.filtersets import ShootFilterSet
from shoots.models import ShootAssignment
from shoots.selectors import shoot_list
from tasks.filtersets import TaskFilterSet
from tasks.models import Task
from tasks.selectors import task_list
from team.filtersets import TeamMemberFilterSet
from team.selectors import team_member_list

#: rows shown per group (one more is read to know whether there are more)
PER_GROUP = 5
MAX_TERMS = 6
MAX_LENGTH = 100


@dataclass
class Hit:
    """One result: what it is, a line of context, where it lives."""

    title: str
    context: str
    url: str


@dataclass
class Group:
    """The results of one kind, with the link to its full filtered list."""

    key: str
    label: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False
    list_url: str = ""


def terms_of(query: str) -> list[str]:
    """The words of a query (bounded: a search box is not a way to send huge statements)."""
    return (query or "")[:MAX_LENGTH].split()[:MAX_TERMS]


def _matching(queryset: QuerySet, filterset, terms: list[str], extra=()) -> QuerySet:
    """Rows where every term is in one of the FilterSet's search fields or ``extra`` (Q
    factories ``term -> Q``, e.g. an assignee's name through Exists: no duplicate rows)."""
    fields = filterset.base_filters["search"].search_fields
    for term in terms:
        match = Q()
        for name in fields:
            match |= Q(**{f"{name}__icontains": term})
        for make in extra:
            match |= make(term)
        queryset = queryset.filter(match)
    return queryset


def _crew_named(term: str) -> Q:
    return Q(
        Exists(
            ShootAssignment.objects.filter(
                shoot_id=OuterRef("pk"), team_member__name__icontains=term
            )
        )
    )


def _assignee_of_task(term: str) -> Q:
    return Q(
        Exists(
            Task.assignees.through.objects.filter(
                task_id=OuterRef("pk"), teammember__name__icontains=term
            )
        )
    )


def _date(value) -> str:
    return f"{value.day} {value:%b %Y}" if value else ""


def _when(value) -> str:
    local = timezone.localtime(value)
    return f"{local.day} {local:%b %Y, %H:%M}"


def _groups(user, terms: list[str]):
    """(key, label, list URL name, rows, hit maker) per kind; rows are lazy querysets."""
    yield (
        "clients",
        "Clients",
        "clients:list",
        _matching(client_list(user=user), ClientFilterSet, terms)
        .only("id", "name", "status")
        .order_by("name"),
        lambda c: Hit(c.name, c.status, reverse("clients:detail", args=[c.pk])),
    )
    yield (
        "shoots",
        "Shoots",
        "shoots:list",
        _matching(
            shoot_list(user=user).prefetch_related(None), ShootFilterSet, terms, [_crew_named]
        )
        .select_related("client")
        .only("id", "title", "shoot_start", "status", "client__name")
        .order_by("-shoot_start"),
        lambda s: Hit(
            s.title or "Shoot",
            f"{s.client.name} · {_when(s.shoot_start)} · {s.status}",
            reverse("shoots:detail", args=[s.pk]),
        ),
    )
    yield (
        "deliverables",
        "Deliverables",
        "deliverables:list",
        _matching(
            deliverable_list(user=user),
            DeliverableFilterSet,
            terms,
            [lambda term: Q(assignee__name__icontains=term)],
        )
        .select_related("client", "assignee")
        .only("id", "title", "status", "due_date", "client__name", "assignee__name")
        .order_by("-updated_at"),
        lambda d: Hit(
            d.title,
            " · ".join(
                x
                for x in (
                    d.client.name,
                    d.status,
                    _date(d.due_date),
                    d.assignee and d.assignee.name,
                )
                if x
            ),
            reverse("deliverables:edit", args=[d.pk]),
        ),
    )
    yield (
        "tasks",
        "Tasks",
        "tasks:list",
        _matching(
            task_list(user=user).prefetch_related(None), TaskFilterSet, terms, [_assignee_of_task]
        )
        .select_related("client")
        .only("id", "name", "status", "due_date", "client__name")
        .order_by("-updated_at"),
        lambda t: Hit(
            t.name,
            " · ".join(x for x in (t.client and t.client.name, t.status, _date(t.due_date)) if x),
            reverse("tasks:detail", args=[t.pk]),
        ),
    )
    yield (
        "requests",
        "Requests",
        "requests:list",
        _matching(portal_request_list(user=user), PortalRequestFilterSet, terms)
        .select_related("client")
        .only("id", "content", "request_type", "status", "created_at", "client__name")
        .order_by("-created_at"),
        lambda r: Hit(
            str(r),
            f"{r.client.name} · {r.status} · {_date(timezone.localtime(r.created_at))}",
            reverse("requests:detail", args=[r.pk]),
        ),
    )
    yield (
        "people",
        "People",
        "team:list",
        _matching(team_member_list(user=user), TeamMemberFilterSet, terms)
        .only("id", "name", "email")
        .order_by("name"),
        lambda m: Hit(m.name, m.email, reverse("team:detail", args=[m.pk])),
    )


def global_search(*, user, query: str, per_group: int = PER_GROUP) -> list[Group]:
    """The groups with at least one hit for ``query`` that ``user`` may see (one query each)."""
    terms = terms_of(query)
    if not terms:
        return []
    found = []
    for key, label, list_name, rows, hit in _groups(user, terms):
        page = list(rows[: per_group + 1])
        if not page:
            continue
        found.append(
            Group(
                key=key,
                label=label,
                hits=[hit(row) for row in page[:per_group]],
                more=len(page) > per_group,
                list_url=f"{reverse(list_name)}?{urlencode({'search': ' '.join(terms)})}",
            )
        )
    return found
