"""Who may see, change or review a deliverable (DESIGN.md §3); registered in ``ready()``."""

from typing import ClassVar

from localbzz.accounts.permissions import STAFF_ALL, Action, Policy, role_of


class DeliverablePolicy(Policy):
    """Staff all; a client user reads its own and reviews them while they are Needs Review."""

    grants: ClassVar = {"admin": STAFF_ALL, "team": STAFF_ALL}
    client_path = "client"
    client_actions: ClassVar = {"view", "review"}

    def allows(self, user, action, obj=None):
        if action == Action.REVIEW:
            if role_of(user) != "client":
                return False
            return obj is None or (obj.client_id == user.client_id and obj.status == "Needs Review")
        return super().allows(user, action, obj)


POLICIES = {
    "deliverables.deliverable": DeliverablePolicy(),
}
