"""@mentions in a comment: ``@maya`` (e-mail local part ``maya@...``), ``@maya.lens``,
``@Maya`` (a first name, when only one person has it) or ``@MayaLens`` (a whole name without
its spaces). Only people who may read the comment can be mentioned: staff always, the
client's own users only in a client-visible comment."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.db.models import Q

from localbzz.accounts.models import Role
from localbzz.accounts.permissions import staff_users

MENTION = re.compile(r"(?<![\w.@])@([A-Za-z0-9][\w.+-]{0,63})")


def mention_handles(body: str) -> list[str]:
    """The handles written after ``@`` (lower case, trailing dots dropped), in order, once."""
    found = [m.group(1).rstrip(".").lower() for m in MENTION.finditer(body or "")]
    return list(dict.fromkeys(h for h in found if h))


def _keys(user) -> tuple[set[str], str]:
    """The whole-handle keys of a user, and the first name (matched only when unique)."""
    names = {user.full_name or ""}
    member = getattr(user, "team_member", None) if user.team_member_id else None
    if member is not None:
        names.add(member.name or "")
    keys = {user.email.split("@", 1)[0].lower()}
    first = ""
    for name in filter(None, (n.strip() for n in names)):
        keys.add(re.sub(r"\s+", "", name).lower())
        keys.add(re.sub(r"\s+", ".", name).lower())
        first = first or name.split()[0].lower()
    return keys, first


def mentioned_users(body: str, *, client_id, client_visible: bool) -> list:
    """The people ``body`` mentions among those who may read it."""
    handles = mention_handles(body)
    if not handles:
        return []
    readers = Q(pk__in=staff_users().values("pk"))
    if client_visible and client_id is not None:
        readers |= Q(role=Role.CLIENT, client_id=client_id)
    candidates = list(
        get_user_model().objects.filter(readers, is_active=True).select_related("team_member")
    )
    keyed = [(user, *_keys(user)) for user in candidates]
    found = []
    for handle in handles:
        exact = [user for user, keys, _ in keyed if handle in keys]
        if not exact:
            exact = [user for user, _, first in keyed if first == handle]
            exact = exact if len(exact) == 1 else []
        found.extend(u for u in exact if u not in found)
    return found
