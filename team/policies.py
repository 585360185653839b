"""Who may see or change a team member (DESIGN.md §3); registered in ``TeamConfig.ready()``."""

from typing import ClassVar

from localbzz.accounts.permissions import STAFF_ALL, Action, Policy, role_of


class TeamMemberPolicy(Policy):
    """Admins all; team members read; a client user sees the people on its own shoots."""

    grants: ClassVar = {"admin": STAFF_ALL, "team": {"view"}}
    client_actions: ClassVar = {"view"}

    def scope(self, queryset, user, action=Action.VIEW):
        if role_of(user) == "client":
            if action != Action.VIEW:
                return queryset.none()
            # Only the names of the people on the client's own shoots.
            return queryset.filter(shoot_assignments__shoot__client_id=user.client_id).distinct()
        return super().scope(queryset, user, action)

    def allows(self, user, action, obj=None):
        if role_of(user) == "client" and obj is not None:
            return (
                action == Action.VIEW
                and obj.shoot_assignments.filter(shoot__client_id=user.client_id).exists()
            )
        return super().allows(user, action, obj)


POLICIES = {
    "team.teammember": TeamMemberPolicy(),
}
