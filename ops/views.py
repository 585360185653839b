"""The usage page (admins): a day's requests per route, user and API key, as bars."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.views.decorators.http import require_GET

from localbzz.accounts.mixins import staff_required

from .models import UsageDaily, UsageDimension

TOP = 15


def _day(raw: str):
    try:
        return parse_date(raw) if raw else None
    except ValueError:
        return None


@staff_required(admin_only=True)
@require_GET
def usage_page(request):
    day = _day(request.GET.get("day", "")) or timezone.now().date()
    rows = list(UsageDaily.objects.filter(day=day).order_by("dimension", "-requests", "key"))
    sections = []
    for dimension in UsageDimension:
        mine = [row for row in rows if row.dimension == dimension.value][:TOP]
        widest = max((row.requests for row in mine), default=0) or 1
        bars = [
            {"row": row, "width": round(100 * row.requests / widest, 1), "y": 22 * index}
            for index, row in enumerate(mine)
        ]
        sections.append({"label": dimension.label, "bars": bars, "height": 22 * len(bars)})
    return render(request, "ops/usage.html", {"day": day, "sections": sections, "top": TOP})
