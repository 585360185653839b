"""Template helpers of the staff dashboard: the navigation and small formatters."""

from __future__ import annotations

from datetime import timedelta

from django import template
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from localbzz.accounts.permissions import is_admin_user

register = template.Library()

NAV = [
    ("Home", "dashboard:home", "/"),
    ("Clients", "clients:list", "/clients/"),
    ("Shoots", "shoots:list", "/shoots/"),
    ("Calendar", "shoots:calendar", "/shoots/calendar/"),
    ("Deliverables", "deliverables:list", "/deliverables/"),
    ("Board", "deliverables:board", "/deliverables/board/"),
    ("Tasks", "tasks:list", "/tasks/"),
    ("Submissions", "forms:list", "/submissions/"),
    ("Requests", "requests:list", "/requests/"),
    ("Team", "team:list", "/team/"),
    ("Account", "calendars:account", "/account/"),
]


def _is_active(path: str, prefix: str) -> bool:
    if prefix == "/":
        return path == "/"
    longer = [p for _, _, p in NAV if p != prefix and p.startswith(prefix) and path.startswith(p)]
    return path.startswith(prefix) and not longer


@register.inclusion_tag("includes/_nav.html", takes_context=True)
def nav_links(context):
    """The sidebar: every dashboard page, plus admin-only links for admins."""
    request = context["request"]
    items = []
    for label, name, prefix in NAV:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "url": url, "active": _is_active(request.path, prefix)})
    admin_items = []
    if is_admin_user(request.user):
        webhooks = None
        try:
            webhooks = reverse("events:webhooks")
        except NoReverseMatch:
            try:
                resolve("/events/")
                webhooks = "/events/"
            except Resolver404:
                pass
        if webhooks:
            admin_items.append(
                {
                    "label": "Webhooks",
                    "url": webhooks,
                    "active": request.path.startswith("/events/"),
                }
            )
        admin_items.append(
            {
                "label": "Audit log",
                "url": reverse("audit:log"),
                "active": request.path.startswith("/audit/"),
            }
        )
        admin_items.append({"label": "Django admin", "url": "/admin/", "active": False})
    return {"items": items, "admin_items": admin_items}


@register.filter
def hours(value) -> str:
    """A duration (or a number of minutes) as ``1h 05m``, rounded to the minute for display
    only (the entry keeps its seconds); under a minute as ``45s``."""
    if not value:
        return "0m"
    seconds = value.total_seconds() if isinstance(value, timedelta) else float(value) * 60
    if seconds < 59.5:
        return f"{max(int(seconds + 0.5), 1)}s"
    h, m = divmod(int(seconds / 60 + 0.5), 60)
    return f"{h}h {m:02d}m" if h else f"{m}m"
