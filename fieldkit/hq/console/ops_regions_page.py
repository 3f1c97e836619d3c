"""``/console/regions`` (administrators): which devices receive each region's work packages.

Why a page by region beside the devices page: a work package holds a whole region's people, so the
question an administrator asks is often "who can download this region?" — the roster's regions
are listed with their people and cycles, each with the devices bound to it, and a device is bound
or unbound here with the same audited change as on the devices page.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from fieldkit.errors import UserError
from fieldkit.hq.console import ops_words  # noqa: F401 - adds the pages' words
from fieldkit.hq.console.ops_audit import staff_events
from fieldkit.hq.console.ops_data import bind_device_region, region_rows
from fieldkit.hq.console.web import PREFIX, form, hq, render, require_admin
from fieldkit.times import display_time

router = APIRouter()


def _page(request: Request, *, error: str = "", status: int = 200) -> Response:
    store = hq(request)
    done = request.query_params.get("done", "")
    return render(
        request,
        "ops_regions.html",
        status=status,
        rows=region_rows(store),
        devices=[(key, name) for key, name, state, _ in store.devices() if state == "approved"],
        audit=staff_events(store, subject_prefix="device:", limit=8),
        done="ops.devices.done.regions" if done == "regions" else "",
        error=error,
        when=display_time,
    )


@router.get("/regions", response_class=HTMLResponse)
def regions(request: Request) -> Response:
    require_admin(request)
    return _page(request)


@router.post("/regions/bind", response_class=HTMLResponse)
def bind(request: Request) -> Response:
    who = require_admin(request)
    fields = form(request)
    try:
        bind_device_region(
            hq(request),
            key_id=fields.get("key_id", ""),
            region=fields.get("region", ""),
            add=fields.get("action") != "remove",
            staff=who.login,
        )
    except UserError as exc:
        return _page(request, error=exc.message, status=400)
    return RedirectResponse(f"{PREFIX}/regions?done=regions", status_code=303)
