"""The review pages: the queue (``/console/reviews``) and each item's evidence (``/reviews/{id}``).

Why the routes are thin: what an item shows and how it is decided are the headquarters' rules
(:mod:`.queue`, :mod:`.evidence`, :mod:`fieldkit.hq.reviews`); a route reads the filter or the form,
calls them in FastAPI's worker thread (these are plain ``def`` routes) and renders the answer.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from fieldkit.errors import UserError
from fieldkit.hq.console import queue, staff_audit
from fieldkit.hq.console.decisions import decide_from_console
from fieldkit.hq.console.evidence import build_evidence, image_bytes
from fieldkit.hq.console.images import cached_crop, known_crop, sniff_image_type
from fieldkit.hq.console.web import PREFIX, NotFound, form, hq, render, staff
from fieldkit.hq.reviews import KINDS, Review, get_review

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
        wanted=wanted,
        found=found,
        kinds=sorted(set(_ALL_KINDS) | set(found.counts)),
        statuses=queue.STATUSES,
        devices=queue.devices(store),
        districts=queue.districts(store),
    )


def _review(request: Request, review_id: int) -> Review:
    try:
        return get_review(hq(request), review_id)
    except UserError:
        raise NotFound(f"#{review_id}") from None


def _evidence_page(
    request: Request, review_id: int, *, revealed: bool = False, error: str = "", status: int = 200
) -> Response:
    evidence = build_evidence(hq(request), _review(request, review_id))
    return render(
        request,
        "evidence.html",
        status=status,
        evidence=evidence,
        review=evidence.review,
        revealed=revealed,
        error=error,
        done=request.query_params.get("done", "") in ("approved", "rejected", "corrected"),
    )


@router.get("/reviews/{review_id}", response_class=HTMLResponse)
def evidence_page(request: Request, review_id: Annotated[int, PathParam(ge=1, le=2**53)]) -> Response:
    staff(request)
    return _evidence_page(request, review_id)


@router.post("/reviews/{review_id}/reveal", response_class=HTMLResponse)
def reveal(request: Request, review_id: Annotated[int, PathParam(ge=1, le=2**53)]) -> Response:
    """Show the full ID numbers of this item once (this answer only), recorded in the audit trail."""
    who = staff(request)
    _review(request, review_id)
    staff_audit.record(hq(request), who.login, "reveal_id_number", f"review:{review_id}")
    return _evidence_page(request, review_id, revealed=True)


@router.post("/reviews/{review_id}/decide", response_class=HTMLResponse)
def decide(request: Request, review_id: Annotated[int, PathParam(ge=1, le=2**53)]) -> Response:
    """Approve, reject, or correct the ID number (which also approves the item), with a note."""
    who = staff(request)
    fields = form(request)
    outcome = fields.get("outcome", "")
    try:
        done = decide_from_console(
            hq(request),
            _review(request, review_id),
            outcome=outcome,
            note=fields.get("note", ""),
            new_id_number=fields.get("id_number", ""),
            login=who.login,
        )
    except UserError as exc:
        return _evidence_page(request, review_id, error=exc.message, status=400)
    return RedirectResponse(f"{PREFIX}/reviews/{review_id}?done={done}", status_code=303)


@router.get("/reviews/{review_id}/images/{ref}")
def evidence_image(
    request: Request,
    review_id: Annotated[int, PathParam(ge=1, le=2**53)],
    ref: Annotated[str, PathParam(max_length=80, pattern=r"^(palm|face|att)-[0-9a-f-]{36}$")],
) -> Response:
    """One image of this item's evidence (palm captures as their ROI crop); only to logged-in staff,
    never cached (the console's middleware adds ``Cache-Control: no-store``)."""
    staff(request)
    store = hq(request)
    known = known_crop(store, review_id, ref)
    if known is not None:
        return Response(known.png, media_type="image/png")
    found = image_bytes(store, build_evidence(store, _review(request, review_id), with_scores=False), ref)
    if found is None:
        raise NotFound(ref)
    kind, data = found
    if kind == "palm":
        return Response(cached_crop(store, review_id, ref, data).png, media_type="image/png")
    return Response(data, media_type=sniff_image_type(data))
