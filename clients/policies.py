"""Who may see or change a client (DESIGN.md §3); registered in ``ClientsConfig.ready()``."""

from typing import ClassVar

from localbzz.accounts.permissions import STAFF_ALL, Policy


class ClientPolicy(Policy):
    """Admins all; team members read and update; a client user reads its own profile."""

    grants: ClassVar = {"admin": STAFF_ALL, "team": {"view", "change"}}
    client_path = "id"
    client_actions: ClassVar = {"view"}


POLICIES = {
    "clients.client": ClientPolicy(),
}
