"""``{% request_sla_clocks req %}``: a portal request's SLA clocks (``dashboard.sla``) on the
staff request page and the client's portal request page (a tag, so the portal and the staff
pages show the top floor's clocks without importing it)."""

from __future__ import annotations

from django import template

from portal.models import ClientPortalRequest

from ..sla import request_clocks, targets, with_first_reply

register = template.Library()


@register.inclusion_tag("dashboard/_request_sla.html")
def request_sla_clocks(req) -> dict:
    """The clocks of ``req`` (one query for its first agency reply; none without a clock)."""
    if not hasattr(req, "first_reply_at"):
        if not any(targets(req.priority).values()):
            return {"clocks": []}
        row = with_first_reply(ClientPortalRequest.objects.filter(pk=req.pk)).values(
            "first_reply_at"
        )
        req.first_reply_at = (row.first() or {}).get("first_reply_at")
    return {"clocks": request_clocks(req)}
