"""The task list's filters: API, dashboard list and board, exports."""

import django_filters

from clients.filtersets import client_filter
from localbzz.api.filters import FilterSet, FlagFilter, RuleFilter, SearchFilter
from team.filtersets import member_filter

from .models import Task, TaskPriority, TaskStatus

DUE_RULES = {"overdue": ("Overdue", "overdue"), "soon": ("Due in 7 days", "due_soon")}


class TaskFilterSet(FilterSet):
    search = SearchFilter("name", "description", "client__name", placeholder="Name or client")
    status = django_filters.ChoiceFilter(choices=TaskStatus.choices, empty_label="Any status")
    priority = django_filters.ChoiceFilter(choices=TaskPriority.choices, empty_label="Any priority")
    assignee_id = member_filter("assignees__id", "Assignee")
    client_id = client_filter()
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
