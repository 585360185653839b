"""``{% client_report_chart client viewer %}``: this month's contracted vs delivered chart
(``dashboard.report``) on the client's dashboard page and on its portal home. A template tag,
so the client and portal apps show the top floor's report without importing it."""

from __future__ import annotations

from django import template
from django.urls import reverse

from ..report import client_report, parse_period, report_chart

register = template.Library()


@register.inclusion_tag("dashboard/_report_chart.html")
def client_report_chart(client, viewer, pdf_link: bool = False) -> dict:
    """The chart and risk flags of ``client``'s current month as ``viewer`` may see it (one
    query); ``pdf_link`` adds the link to the PDF (the API's, for staff pages)."""
    report = client_report(user=viewer, client=client, period=parse_period(None))
    return {
        "report": report,
        "chart": report_chart(report),
        "pdf_url": f"{reverse('api:client-report', kwargs={'pk': client.pk})}"
        f"?period={report['period']}&format=pdf"
        if pdf_link
        else "",
    }
