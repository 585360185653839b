"""Who may see or change an attachment: its owner's policy decides (``files/owners.py``)."""

from __future__ import annotations

from localbzz.accounts.permissions import Action, Policy, role_of

from .owners import may_delete, may_upload, may_view, visible_owners_q


class AttachmentPolicy(Policy):
    """Staff all; a client user reads its own deliverables' and requests' files and uploads
    to its own requests. Anonymous: nothing."""

    def role_allows(self, user, action):
        return role_of(user) is not None

    def scope(self, queryset, user, action=Action.VIEW):
        if role_of(user) is None:
            return queryset.none()
        wanted = Action.VIEW if action == Action.VIEW else Action.CHANGE
        return queryset.filter(visible_owners_q(user, wanted))

    def allows(self, user, action, obj=None):
        if role_of(user) is None:
            return False
        if obj is None:
            return True  # decided per owner
        owner = obj.owner
        if action == Action.VIEW:
            return may_view(user, owner)
        if action == Action.ADD:
            return may_upload(user, owner)
        return may_delete(user, owner)


POLICIES = {
    "files.attachment": AttachmentPolicy(),
}
