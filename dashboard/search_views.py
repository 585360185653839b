"""The global search's pages: the full results (/search/) and the top bar's suggestions."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from localbzz.accounts.mixins import staff_required

from .search import global_search, terms_of


@staff_required
@require_GET
def search_page(request):
    """Every kind's matches for ``q``, grouped (the no-JS path and "see all")."""
    query = request.GET.get("q", "")
    groups = global_search(user=request.user, query=query, per_group=20)
    return render(
        request,
        "dashboard/search.html",
        {"query": " ".join(terms_of(query)), "groups": groups},
    )


@staff_required
@require_GET
def search_suggest(request):
    """The top bar's listbox: a few matches per kind (static/js/search.js drives it)."""
    query = request.GET.get("q", "")
    groups = global_search(user=request.user, query=query)
    return render(
        request,
        "dashboard/_search_suggest.html",
        {"query": " ".join(terms_of(query)), "groups": groups},
    )
