"""Related objects named the way people do in a spreadsheet: a client by its portal
subdomain or its name, a team member by e-mail; a UUID works everywhere. Each key is looked
up once per import, among the rows the importing user may see."""

from __future__ import annotations

import uuid

from django.db.models import Q

from clients.models import Client
from localbzz.accounts.permissions import Action
from team.models import RoleName, TeamMember

from .collections import CLIENT, MEMBER


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


class References:
    def __init__(self, user):
        self.user = user
        self.cache: dict = {}

    def resolve(self, kind: str, value, row: int, column: str, report):
        """``value`` with every human key replaced by its object's id (errors reported)."""
        if kind not in (CLIENT, MEMBER):
            return value
        if isinstance(value, list):
            return [self._item(kind, item, row, column, report) for item in value]
        return self._one(kind, value, row, column, report)

    def _item(self, kind, item, row, column, report):
        if column == "team":  # a shoot's crew: {team_member_id, role} or an e-mail alone
            if isinstance(item, str):
                item = {"team_member_id": item, "role": RoleName.CONTENT_CREATOR.value}
            if isinstance(item, dict) and "team_member_id" in item:
                found = self._one(kind, item["team_member_id"], row, column, report)
                return {**item, "team_member_id": found}
            return item
        return self._one(kind, item, row, column, report)

    def _one(self, kind, value, row, column, report):
        if not isinstance(value, str) or not value.strip() or _is_uuid(value):
            return value
        key = (kind, value.strip().lower())
        if key not in self.cache:
            self.cache[key] = self._lookup(kind, key[1])
        found = self.cache[key]
        if isinstance(found, str):
            return found
        what = "client" if kind == CLIENT else "team member"
        code, message = (
            ("not_found", f"No {what} named {value!r}.")
            if found == 0
            else ("ambiguous", f"More than one {what} is named {value!r}; use its id.")
        )
        report.error(row, column, code, message)
        return value

    def _lookup(self, kind, key):
        """The id (str) of the one object with that key, else how many there are (0 or 2)."""
        if kind == CLIENT:
            rows = Client.objects.visible_to(self.user, Action.VIEW).filter(
                Q(client_portal_subdomain=key) | Q(name__iexact=key)
            )
        else:
            rows = TeamMember.objects.visible_to(self.user, Action.VIEW).filter(email__iexact=key)
        ids = list(rows.values_list("pk", flat=True)[:2])
        return str(ids[0]) if len(ids) == 1 else len(ids)
