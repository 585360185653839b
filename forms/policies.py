"""Who may see, change or approve a form submission (DESIGN.md §3); anyone may send one."""

from typing import ClassVar

from localbzz.accounts.permissions import STAFF_ALL, Action, Policy, role_of


class FormSubmissionPolicy(Policy):
    """Staff read, update and approve (admins also delete); the public creates; clients none."""

    grants: ClassVar = {
        "admin": {*STAFF_ALL, "approve"},
        "team": {"view", "change", "approve"},
        None: {"add"},
    }

    def role_allows(self, user, action):
        role = role_of(user)
        if role == "client":
            return False
        return action in self.grants.get(role, set())

    def scope(self, queryset, user, action=Action.VIEW):
        role = role_of(user)
        if role in ("admin", "team") and action in self.grants[role]:
            return queryset
        return queryset.none()


POLICIES = {
    "forms.formsubmission": FormSubmissionPolicy(),
}
