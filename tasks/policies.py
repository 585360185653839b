"""Who may see or change tasks and time entries (DESIGN.md §3): staff only."""

from typing import ClassVar

from localbzz.accounts.permissions import STAFF_ALL, Policy


class TaskPolicy(Policy):
    grants: ClassVar = {"admin": STAFF_ALL, "team": STAFF_ALL}


class TimeEntryPolicy(Policy):
    grants: ClassVar = {"admin": STAFF_ALL, "team": STAFF_ALL}


POLICIES = {
    "tasks.task": TaskPolicy(),
    "tasks.timeentry": TimeEntryPolicy(),
}
