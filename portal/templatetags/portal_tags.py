"""``{% portal_url 'name' pk=... %}``: a portal link in the host form or the path form."""

from django import template

from portal.urls_helpers import portal_reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_url(context, name, **kwargs):
    """Reverses ``portal:<name>`` for the portal being shown."""
    return portal_reverse(context.get("portal_path_subdomain"), name, **kwargs)
