"""Multi-page reports (daily summary, case list, reconciliation, accuracy): one look, one font.

Why platypus here and plain canvas for receipts: a report's length depends on the data (a case list
may run to pages), and platypus breaks tables across pages with the header row repeated; a receipt
is one fixed page that must be drawn in a few milliseconds. Every style uses the embedded CJK font,
so no unembedded Helvetica slips into a report; cell text is escaped, since platypus reads markup.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from reports.layout import font_name

MARGIN: float = 15 * mm
HEADER_GREY = colors.Color(0.9, 0.92, 0.95)


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of every report (made per call: the font is registered on first use)."""
    font = font_name()
    base = ParagraphStyle("body", fontName=font, fontSize=9, leading=12.5, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=16, leading=21, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=9, leading=12, textColor=colors.grey),
        "heading": ParagraphStyle(
            "heading", parent=base, fontSize=11.5, leading=16, spaceBefore=8, spaceAfter=4
        ),
        "body": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10.5),
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=10, textColor=colors.grey),
    }


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    numeric: Sequence[int] = (),
    empty: str = "—",
) -> Flowable:
    """A table whose header repeats on every page; cells wrap; ``numeric`` columns align right."""
    st = styles()
    cell = st["cell"]
    right = ParagraphStyle("cell_right", parent=cell, alignment=2)
    head = [para(h, ParagraphStyle("head", parent=cell, textColor=colors.black)) for h in header]
    body = [
        [para(value, right if index in numeric else cell) for index, value in enumerate(row)] for row in rows
    ]
    if not body:
        body = [[para(empty, cell)] + [para("", cell) for _ in header[1:]]]
    result = Table([head, *body], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), font_name()),  # note: else the table sets Helvetica (unembedded)
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_GREY),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.Color(0.8, 0.8, 0.8)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if not rows:
        commands.append(("SPAN", (0, 1), (-1, 1)))
    result.setStyle(TableStyle(commands))
    return result


def heading(text: str) -> Paragraph:
    return para(text, styles()["heading"])


def spacer(points: float) -> Spacer:
    return Spacer(1, points)


def build(
    story: list[Flowable],
    *,
    title: str,
    footer: str,
    wide: bool = False,
) -> bytes:
    """Lay the story out on A4 pages (landscape when ``wide``) with a footer and page numbers.

    note: ``title`` becomes PDF metadata; it must never name a person.
    """
    buffer = io.BytesIO()
    pagesize = landscape(A4) if wide else A4
    font = font_name()

    def decorate(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font, 7.5)
        canvas.setFillGray(0.4)
        canvas.drawString(MARGIN, MARGIN / 2, footer)
        canvas.drawRightString(
            pagesize[0] - MARGIN, MARGIN / 2, f"第 {document.page} 页  page {document.page}"
        )
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author="fieldkit",
        creator="fieldkit reports",
        invariant=True,
        initialFontName=font,
    )
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def content_width(*, wide: bool = False) -> float:
    """Usable width of a page between the margins."""
    return float((landscape(A4) if wide else A4)[0]) - 2 * MARGIN


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (``=``, ``+``, ``-``, ``@`` lead)."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "@") or (text[:1] == "-" and not text[1:].replace(".", "", 1).isdigit()):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """CSV text (``\\n`` line ends) with every cell passed through :func:`csv_cell`."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[csv_cell(v) for v in row] for row in rows])
    return out.getvalue()
