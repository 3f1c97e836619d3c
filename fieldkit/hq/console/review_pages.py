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
from fieldkit.hq.console import i18n, queue, staff_audit
from fieldkit.hq.console.decisions import decide_from_console
from fieldkit.hq.console.evidence import build_evidence, image_bytes
from fieldkit.hq.console.images import cached_crop, known_crop, sniff_image_type
from fieldkit.hq.console.web import PREFIX, NotFound, form, hq, render, require_admin, staff
from fieldkit.hq.fraud_marks import is_marked, mark_fraud_as_staff
from fieldkit.hq.reviews import KINDS, Review, get_review

router = APIRouter()
i18n.add_words(
    {
        "fraud.open": ("标记为冒领…", "Mark as fraud…"),
        "fraud.explain": (
            "仅限管理员。此人将从其所在区域的所有外业设备上撤回（下次领取工作包时），不再在现场认证；"
            "操作及说明记入审计。",
            "Administrators only. The person is withdrawn from every field laptop of their region (at "
            "its next work package) and no longer certified in the field; the action and the note are "
            "recorded.",
        ),
        "fraud.note": ("说明（必填）", "Note (required)"),
        "fraud.confirm": ("确认标记为冒领", "confirm: mark as fraud"),
        "fraud.submit": ("标记为冒领", "Mark as fraud"),
        "fraud.marked": ("已标记为冒领", "Marked as fraud"),
        "fraud.done": (
            "已标记为冒领：该区域设备将在下次领取工作包时撤回此人。",
            "Marked as fraud: the region's laptops withdraw the person at their next work package.",
        ),
        "fraud.unconfirmed": ("请勾选“确认标记为冒领”。", "Tick “confirm: mark as fraud”."),
        "fraud.no_person": ("此事项中没有可标记的人员。", "This item names no person who could be marked."),
    }
)


def t_both(key: str) -> str:
    """A refusal in both languages (the page shows it whatever the reader's language)."""
    chinese, english = i18n.WORDS[key]
    return f"{chinese} {english}"


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
    store = hq(request)
    evidence = build_evidence(store, _review(request, review_id))
    done = request.query_params.get("done", "")
    return render(
        request,
        "evidence.html",
        status=status,
        evidence=evidence,
        review=evidence.review,
        revealed=revealed,
        error=error,
        done=done in ("approved", "rejected", "corrected"),
        fraud_done=done == "fraud",
        marked={
            side.id_number for side in evidence.sides if side.id_number and is_marked(store, side.id_number)
        },
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


@router.post("/reviews/{review_id}/fraud", response_class=HTMLResponse)
def fraud(request: Request, review_id: Annotated[int, PathParam(ge=1, le=2**53)]) -> Response:
    """An administrator marks one person of this item as fraud (withdrawn from their region's
    laptops). The ID number comes from the evidence on the server, never from the form."""
    who = require_admin(request)
    fields = form(request)
    if fields.get("confirm") != "yes":
        return _evidence_page(request, review_id, error=t_both("fraud.unconfirmed"), status=400)
    store = hq(request)
    sides = build_evidence(store, _review(request, review_id), with_scores=False).sides
    chosen = fields.get("side", "").strip()  # note: exact, never clamped to a side that exists
    index = int(chosen) if chosen.isascii() and chosen.isdigit() and len(chosen) < 3 else 0
    if not 1 <= index <= len(sides) or not sides[index - 1].id_number:
        return _evidence_page(request, review_id, error=t_both("fraud.no_person"), status=400)
    try:
        mark_fraud_as_staff(
            store, sides[index - 1].id_number, note=fields.get("note", ""), login=who.login, via="console",
            subject=f"review:{review_id}",
        )  # fmt: skip
    except UserError as exc:
        return _evidence_page(request, review_id, error=exc.message, status=400)
    return RedirectResponse(f"{PREFIX}/reviews/{review_id}?done=fraud", status_code=303)


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
