"""``{% notification_preferences as prefs %}`` for the preferences partial."""

from django import template

from ..notifications import preferences_for

register = template.Library()


@register.simple_tag(takes_context=True)
def notification_preferences(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    return preferences_for(user)
