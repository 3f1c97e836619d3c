"""The review pages: the queue (``/console/reviews``) and each item's evidence (``/reviews/{id}``).

Why the routes are thin: what an item shows and how it is decided are the headquarters' rules
(:mod:`.queue`, :mod:`.evidence`, :mod:`fieldkit.hq.reviews`); a route reads the filter or the form,
calls them in FastAPI's worker thread (these are plain ``def`` routes) and renders the answer.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from fieldkit.hq.console import queue
from fieldkit.hq.console.i18n import WORDS
from fieldkit.hq.console.web import PREFIX, hq, render, staff
from fieldkit.hq.reviews import KINDS

router = APIRouter()
_ALL_KINDS = (*KINDS, "case", "ownership", "audit_chain")


def _number(value: str | None, *, default: int, high: int) -> int:
    """A non-negative integer query value (anything else is the default, never an error page)."""
    text = (value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        return default
    return min(int(text), high)


@router.get("/reviews", response_class=HTMLResponse)
def review_queue(request: Request) -> Response:
    staff(request)
    query = request.query_params
    wanted = queue.QueueFilter(
        kind=query.get("kind", "")[:32],
        status=query.get("status", "open") if query.get("status") in queue.STATUSES else "open",
        device=query.get("device", "")[:128],
        district=query.get("district", "")[:128],
        min_age_days=_number(query.get("age"), default=0, high=36500),
        page=_number(query.get("page"), default=1, high=10**6),
    )
    store = hq(request)
    queue.fill_districts(store)
    found = queue.queue_page(store, wanted)

    def page_link(page: int) -> str:
        return f"{PREFIX}/reviews?" + urlencode({**dict(query), "page": str(page)})

    return render(
        request,
        "reviews.html",
        page_link=page_link,
        known_keys=frozenset(WORDS),
        wanted=wanted,
        found=found,
        kinds=sorted(set(_ALL_KINDS) | set(found.counts)),
        statuses=queue.STATUSES,
        devices=queue.devices(store),
        districts=queue.districts(store),
    )
