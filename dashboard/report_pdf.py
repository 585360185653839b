"""The client report (``dashboard.report.client_report``) as a one-page PDF, with ReportLab."""

from __future__ import annotations

from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .report import MEASURES

_HEADINGS = {
    "planned": "Planned",
    "produced": "Produced",
    "approved": "Approved",
    "posted": "Posted",
    "overdue": "Overdue",
    "awaiting_client": "Awaiting client",
}


def _table(rows: list[list]) -> Table:
    table = Table(rows, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e2e8f0")),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#94a3b8")),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ]
        )
    )
    return table


def report_pdf(report: dict) -> bytes:
    """The PDF of ``report``: the totals, the figures per type and the risk flags."""
    styles = getSampleStyleSheet()
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{report['client']}: report {report['period']}",
        author="LocalBzz",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
    )
    story = [
        Paragraph(f"{_escape(report['client'])}: contracted vs delivered", styles["Title"]),
        Paragraph(
            f"Period {report['period']} ({report['start']:%d %b %Y} to {report['end']:%d %b %Y})",
            styles["Normal"],
        ),
        Spacer(1, 6 * mm),
        _table([["Measure", "Total"], *([_HEADINGS[m], report[m]] for m in MEASURES)]),
        Spacer(1, 6 * mm),
        Paragraph("By type", styles["Heading2"]),
        _table(
            [
                ["Type", *(_HEADINGS[m] for m in MEASURES)],
                *([kind, *(f[m] for m in MEASURES)] for kind, f in report["by_type"].items()),
            ]
        ),
        Spacer(1, 6 * mm),
        Paragraph("Risks", styles["Heading2"]),
    ]
    risks = report["risks"] or [{"message": "None: on plan, nothing overdue or waiting long."}]
    story += [Paragraph(_escape(risk["message"]), styles["Normal"]) for risk in risks]
    doc.build(story)
    return buffer.getvalue()


def _escape(text: str) -> str:
    """Paragraph text is ReportLab's mini-markup: a client's name is not markup."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
