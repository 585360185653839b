"""Related objects named the way people do in a spreadsheet: a client by its portal
subdomain or its name, a team member by e-mail; a UUID works everywhere. Each key is looked
up once per import, among the rows the importing user may see: ``collect`` then ``prime``
read every key of the file in one query per kind; a key not primed is read on its own."""

from __future__ import annotations

import uuid

from django.db.models import Q
from django.db.models.functions import Lower

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
        self.pending: dict = {CLIENT: set(), MEMBER: set()}

    def collect(self, kind: str, value, column: str) -> None:
        """Notes the human keys of a cell, to be read with all the others by ``prime``."""
        if kind not in (CLIENT, MEMBER):
            return
        items = value if isinstance(value, list) else [value]
        for item in items:
            if column == "team" and isinstance(item, dict):
                item = item.get("team_member_id")
            if isinstance(item, str) and item.strip() and not _is_uuid(item):
                key = item.strip().lower()
                if (kind, key) not in self.cache:
                    self.pending[kind].add(key)

    def prime(self) -> None:
        """Reads every collected key: one query per kind (per chunk of keys)."""
        for kind, keys in self.pending.items():
            keys = sorted(keys)
            for start in range(0, len(keys), 5_000):
                chunk = keys[start : start + 5_000]
                found = {key: set() for key in chunk}
                for pk, *names in self._rows(kind, chunk):
                    for name in names:
                        if name in found:
                            found[name].add(str(pk))
                for key, ids in found.items():
                    self.cache[(kind, key)] = next(iter(ids)) if len(ids) == 1 else min(len(ids), 2)
            keys.clear()
        self.pending = {CLIENT: set(), MEMBER: set()}

    def _rows(self, kind, keys):
        """(pk, its lower-cased keys...) of the visible rows any of ``keys`` names."""
        if kind == CLIENT:
            rows = (
                Client.objects.visible_to(self.user, Action.VIEW)
                .annotate(key_name=Lower("name"))
                .filter(Q(client_portal_subdomain__in=keys) | Q(key_name__in=keys))
            )
            return rows.values_list("pk", "client_portal_subdomain", "key_name")
        rows = (
            TeamMember.objects.visible_to(self.user, Action.VIEW)
            .annotate(key_email=Lower("email"))
            .filter(key_email__in=keys)
        )
        return rows.values_list("pk", "key_email")

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
