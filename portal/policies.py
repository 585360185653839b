"""Who may see or change a client portal request (DESIGN.md §3); registered in ``ready()``."""

from typing import ClassVar

from localbzz.accounts.permissions import STAFF_ALL, Policy


class PortalRequestPolicy(Policy):
    """Admins all; team members read and update; a client user creates and reads its own."""

    grants: ClassVar = {"admin": STAFF_ALL, "team": {"view", "change"}}
    client_path = "client"
    client_actions: ClassVar = {"view", "add"}


POLICIES = {
    "portal.clientportalrequest": PortalRequestPolicy(),
}
