"""The deliverable list's filters: API, dashboard list and board, client portal, exports."""

import django_filters

from clients.filtersets import client_filter
from localbzz.api.filters import FilterSet, FlagFilter, RuleFilter, SearchFilter
from team.filtersets import member_filter

from .models import Deliverable, DeliverableStatus, DeliverableType

DUE_RULES = {
    "overdue": ("Overdue", "overdue"),
    "soon": ("Due in 7 days", "due_soon"),
    "this_month": ("Due this month", "due_this_month"),
}
OPEN_LABELS = ("Open or done", "Open", "Done")
FEEDBACK_RULES = {"changes_requested": ("Changes requested", "changes_requested")}


class DeliverableFilterSet(FilterSet):
    search = SearchFilter("title", "caption", "client__name", placeholder="Title or client")
    status = django_filters.ChoiceFilter(
        choices=DeliverableStatus.choices, empty_label="Any status"
    )
    deliverable_type = django_filters.ChoiceFilter(
        label="Type", choices=DeliverableType.choices, empty_label="Any type"
    )
    client_id = client_filter()
    assignee_id = member_filter("assignee_id", "Assignee")
    due = RuleFilter(label="Due", rules=DUE_RULES, empty_label="Any time")
    open = FlagFilter(label="Open", rules=("open", "done"), labels=OPEN_LABELS)
    feedback = RuleFilter(label="Client feedback", rules=FEEDBACK_RULES, empty_label="Any")
    shoot_id = django_filters.UUIDFilter(field_name="shoot_id")
    due_date = django_filters.DateFromToRangeFilter()

    bar = ("search", "status", "deliverable_type", "client_id", "assignee_id", "due", "open")

    class Meta:
        model = Deliverable
        fields = []
