"""Filters of the task list."""

import django_filters

from localbzz.api.filters import SyncFilterSet
from tasks.models import Task, TaskPriority, TaskStatus


class TaskFilter(SyncFilterSet):
    status = django_filters.ChoiceFilter(choices=TaskStatus.choices)
    priority = django_filters.ChoiceFilter(choices=TaskPriority.choices)
    client_id = django_filters.UUIDFilter(field_name="client_id")
    shoot_id = django_filters.UUIDFilter(field_name="shoot_id")
    deliverable_id = django_filters.UUIDFilter(field_name="deliverable_id")
    assignee_id = django_filters.UUIDFilter(field_name="assignees__id", distinct=True)
    due_date = django_filters.DateFromToRangeFilter()

    class Meta:
        model = Task
        fields = [
            "status",
            "priority",
            "client_id",
            "shoot_id",
            "deliverable_id",
            "assignee_id",
            "due_date",
        ]
