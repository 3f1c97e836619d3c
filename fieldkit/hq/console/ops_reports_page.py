"""``/console/reconciliation`` (with its PDF) and ``/console/progress``: what every staff member reads.

Why open to reviewers too: reconciliation and progress change nothing, and a reviewer who sees a
team's gaps knows which decisions may still be missing evidence. The PDF is the same report as
``fieldkit hq report --out``, sent as a download that no browser or proxy keeps
(``Cache-Control: no-store``); each download is in the staff audit trail.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from fieldkit.hq.console import (
    i18n,
    ops_words,  # noqa: F401 - adds the pages' words
    staff_audit,
)
from fieldkit.hq.console.ops_charts import progress_svg, totals_svg
from fieldkit.hq.console.ops_data import cycles, district_progress, reconciliation_pdf, team_reconciliation
from fieldkit.hq.console.web import hq, lang, render, staff

router = APIRouter()


@router.get("/reconciliation", response_class=HTMLResponse)
def reconciliation_page(request: Request) -> Response:
    staff(request)
    teams = team_reconciliation(hq(request))
    totals = {
        "expected": sum(t.line.expected for t in teams),
        "received": sum(t.line.received for t in teams),
        "missing": sum(t.line.missing_count for t in teams),
        "open": sum(t.open_reviews for t in teams),
        "decided": sum(t.decided_reviews for t in teams),
        "decisions": sum(t.line.decisions_sent for t in teams),
    }
    return render(request, "ops_reconciliation.html", teams=teams, totals=totals)


@router.get("/reconciliation/report.pdf")
def reconciliation_download(request: Request) -> Response:
    who = staff(request)
    store = hq(request)
    data = reconciliation_pdf(store)
    staff_audit.record(store, who.login, "report.download", "reconciliation", size=len(data))
    name = f"reconciliation-{dt.datetime.now(dt.UTC):%Y%m%d-%H%M}.pdf"
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


@router.get("/progress", response_class=HTMLResponse)
def progress_page(request: Request, cycle: int | None = None) -> Response:
    staff(request)
    store = hq(request)
    held = cycles(store)
    shown, lines = district_progress(store, cycle if cycle in held else None)
    words = i18n.translator(lang(request))
    return render(
        request,
        "ops_progress.html",
        cycles=held,
        cycle=shown,
        lines=lines,
        chart=Markup(progress_svg(lines, words)),  # note: built from escaped text (ops_charts)
        ring=Markup(totals_svg(lines, words)) if lines else "",
        totals={
            "due": sum(p.due for p in lines),
            "certified": sum(p.certified for p in lines),
            "remaining": sum(p.remaining for p in lines),
            "cases": sum(p.cases for p in lines),
        },
    )
