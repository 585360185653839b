"""Who may see or write a comment: staff every comment (admins also change and delete); a
client user reads and writes only the client-visible comments of its own client."""

from typing import ClassVar

from localbzz.accounts.permissions import STAFF_ALL, Action, Policy, role_of

from .models import Visibility


class CommentPolicy(Policy):
    grants: ClassVar = {"admin": STAFF_ALL, "team": {"view", "add"}}
    client_path = "client"
    client_actions: ClassVar = {"view", "add"}

    def scope(self, queryset, user, action=Action.VIEW):
        qs = super().scope(queryset, user, action)
        if role_of(user) == "client":
            qs = qs.filter(visibility=Visibility.CLIENT)
        return qs

    def allows(self, user, action, obj=None):
        if role_of(user) == "client" and obj is not None and obj.visibility != Visibility.CLIENT:
            return False
        return super().allows(user, action, obj)


POLICIES = {
    "comments.comment": CommentPolicy(),
}
