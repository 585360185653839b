"""Reversing portal URLs whether the portal is served on its subdomain or under /portal/."""

from django.urls import reverse


def portal_reverse(path_subdomain: str | None, name: str, **kwargs) -> str:
    """``portal:<name>``; on the path form the subdomain is part of the URL."""
    if path_subdomain:
        kwargs["subdomain"] = path_subdomain
    return reverse(f"portal:{name}", kwargs=kwargs)
