"""Template context shared by every page."""

from django.conf import settings


def site(request):
    """Site-wide values: the portal base domain and the signed-in user's role."""
    user = getattr(request, "user", None)
    return {
        "PORTAL_BASE_DOMAIN": settings.PORTAL_BASE_DOMAIN,
        "user_role": getattr(user, "role", None) if user and user.is_authenticated else None,
    }
