"""Who may see or change a shoot (DESIGN.md §3); registered in ``ShootsConfig.ready()``."""

from typing import ClassVar

from localbzz.accounts.permissions import STAFF_ALL, Action, Policy, role_of


class ShootPolicy(Policy):
    """Staff all but a team member's delete of a completed shoot; a client reads its own."""

    grants: ClassVar = {"admin": STAFF_ALL, "team": STAFF_ALL}
    client_path = "client"
    client_actions: ClassVar = {"view"}

    def allows(self, user, action, obj=None):
        # Team members may not delete a completed shoot: it is the record of work done.
        if (
            action == Action.DELETE
            and role_of(user) == "team"
            and obj is not None
            and obj.status == "Completed"
        ):
            return False
        return super().allows(user, action, obj)

    def scope(self, queryset, user, action=Action.VIEW):
        qs = super().scope(queryset, user, action)
        if action == Action.DELETE and role_of(user) == "team":
            qs = qs.exclude(status="Completed")
        return qs


POLICIES = {
    "shoots.shoot": ShootPolicy(),
}
