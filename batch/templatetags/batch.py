"""``{% batch_actions %}``: Export (CSV, XLSX, JSON) with the page's own filters, and Import,
on a dashboard list page whose URL namespace is a batch collection's."""

from __future__ import annotations

from django import template
from django.urls import reverse

from localbzz.web import query_without_page

from ..collections import BY_NAMESPACE
from ..formats import FORMATS
from ..services import may_export, may_import

register = template.Library()


@register.inclusion_tag("batch/_actions.html", takes_context=True)
def batch_actions(context):
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    collection = BY_NAMESPACE.get(getattr(match, "namespace", None) or "")
    if collection is None or not may_export(request.user):
        return {"exports": ()}
    query = query_without_page(request)
    base = f"/api/{collection.name}/export?format="
    return {
        "exports": [(fmt.upper(), f"{base}{fmt}{'&' + query if query else ''}") for fmt in FORMATS],
        "import_url": reverse("batch:import", args=[collection.name])
        if may_import(request.user, collection)
        else "",
    }
