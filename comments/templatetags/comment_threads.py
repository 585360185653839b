"""``{% comment_thread owner %}``: the comments under a deliverable, shoot or request, on the
staff pages (both channels, clearly marked, with a channel choice) and on the portal (only
the client-visible ones). Written through the API, so the rules are the service's."""

from __future__ import annotations

from django import template
from django.urls import reverse

from comments.owners import kind_of
from comments.selectors import owner_comments
from localbzz.accounts.permissions import Action, allows, is_staff_user, role_of

register = template.Library()
#: the newest comments a page shows (the API lists them all)
PAGE_COMMENTS = 200


@register.inclusion_tag("comments/_thread.html", takes_context=True)
def comment_thread(context, owner, portal: bool = False):
    """The thread; ``portal=True`` on the client's portal: only client-visible comments
    (staff viewing as the client too), written by the client's own users alone."""
    request = context["request"]
    user = request.user
    if owner is None or role_of(user) is None or not allows(user, Action.VIEW, owner):
        return {"hidden": True}
    kind = kind_of(owner)
    rows = owner_comments(user=user, owner=owner)
    if portal:
        rows = rows.client_visible()
    comments = list(rows.reverse()[:PAGE_COMMENTS])[::-1]
    staff = is_staff_user(user)
    return {
        "owner": owner,
        "comments": comments,
        "staff": staff and not portal,
        "can_write": role_of(user) == "client" if portal else staff,
        "post_url": reverse(f"api:{kind.basename}-comments", kwargs={"pk": owner.pk}),
        "csrf_token": context.get("csrf_token"),
    }
