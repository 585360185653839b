"""The task list's filters: API, dashboard list and board, exports."""

import django_filters

from clients.selectors import client_options
from localbzz.api.filters import FilterSet, FlagFilter, ReferenceFilter, RuleFilter, SearchFilter
from team.selectors import team_member_options

from .models import Task, TaskPriority, TaskStatus

DUE_RULES = {"overdue": ("Overdue", "overdue"), "soon": ("Due in 7 days", "due_soon")}


class TaskFilterSet(FilterSet):
    search = SearchFilter("name", "description", "client__name", placeholder="Name or client")
    status = django_filters.ChoiceFilter(choices=TaskStatus.choices, empty_label="Any status")
    priority = django_filters.ChoiceFilter(choices=TaskPriority.choices, empty_label="Any priority")
    assignee_id = ReferenceFilter(
        label="Assignee",
        field_name="assignees__id",
        distinct=True,
        options=team_member_options,
        empty_label="Anyone",
    )
    client_id = ReferenceFilter(
        label="Client", field_name="client_id", options=client_options, empty_label="Any client"
    )
    due = RuleFilter(label="Due", rules=DUE_RULES, empty_label="Any time")
    mine = FlagFilter(label="Mine", method="filter_mine", labels=("Everyone's", "Mine", "Others'"))
    open = FlagFilter(label="Open", rules=("open", "done"), labels=("Open or done", "Open", "Done"))
    shoot_id = django_filters.UUIDFilter(field_name="shoot_id")
    deliverable_id = django_filters.UUIDFilter(field_name="deliverable_id")
    due_date = django_filters.DateFromToRangeFilter()

    bar = ("search", "status", "priority", "assignee_id", "client_id", "due", "mine", "open")

    class Meta:
        model = Task
        fields = []

    def filter_mine(self, queryset, name, value):
        """``mine=true``: tasks the signed-in person is assigned to; ``false``: the others."""
        member_id = getattr(getattr(self.request, "user", None), "team_member_id", None)
        mine = queryset.assigned_to(member_id)
        return mine if value else queryset.exclude(pk__in=mine.values("pk"))
