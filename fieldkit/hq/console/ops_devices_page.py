"""``/console/devices`` (administrators): register, revoke and bind regions to field laptops.

Why forms that post and redirect: a reload never repeats a change, and every change goes through
:mod:`.ops_data`, the functions that also record it in the staff audit trail. A refused change
(bad key, unknown region code) shows the page again with the reason and the typed values kept.
The guard has already refused a reviewer (``/devices`` is an admin prefix) and checked the CSRF
token before a route here runs; the routes ask for the administrator again all the same.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from fieldkit.errors import UserError
from fieldkit.hq.console import ops_words  # noqa: F401 - adds the pages' words
from fieldkit.hq.console.ops_audit import staff_events
from fieldkit.hq.console.ops_data import bind_regions, device_rows, register_device, revoke_device
from fieldkit.hq.console.web import PREFIX, form, hq, render, require_admin
from fieldkit.times import display_time

router = APIRouter()
DONE = ("registered", "revoked", "regions")


def _page(
    request: Request, *, error: str = "", typed: dict[str, str] | None = None, status: int = 200
) -> Response:
    store = hq(request)
    done = request.query_params.get("done", "")
    context: dict[str, Any] = {
        "rows": device_rows(store),
        "audit": staff_events(store, subject_prefix="device:", limit=8),
        "done": f"ops.devices.done.{done}" if done in DONE else "",
        "error": error,
        "typed": typed or {},
        "when": display_time,
    }
    return render(request, "ops_devices.html", status=status, **context)


def _after(done: str) -> Response:
    return RedirectResponse(f"{PREFIX}/devices?done={quote(done)}", status_code=303)


@router.get("/devices", response_class=HTMLResponse)
def devices(request: Request) -> Response:
    require_admin(request)
    return _page(request)


@router.post("/devices/register", response_class=HTMLResponse)
def register(request: Request) -> Response:
    who = require_admin(request)
    fields = form(request)
    try:
        register_device(
            hq(request),
            public_key=fields.get("public_key", ""),
            name=fields.get("name", ""),
            regions=fields.get("regions", ""),
            staff=who.login,
        )
    except UserError as exc:
        return _page(request, error=exc.message, typed=fields, status=400)
    return _after("registered")


@router.post("/devices/revoke", response_class=HTMLResponse)
def revoke(request: Request) -> Response:
    who = require_admin(request)
    fields = form(request)
    if fields.get("confirm") != "yes":
        return _page(request, error="请勾选“确认吊销”。 Tick “confirm” to revoke.", status=400)
    try:
        revoke_device(hq(request), key_id=fields.get("key_id", ""), staff=who.login)
    except UserError as exc:
        return _page(request, error=exc.message, status=400)
    return _after("revoked")


@router.post("/devices/regions", response_class=HTMLResponse)
def regions(request: Request) -> Response:
    who = require_admin(request)
    fields = form(request)
    try:
        bind_regions(
            hq(request), key_id=fields.get("key_id", ""), regions=fields.get("regions", ""), staff=who.login
        )
    except UserError as exc:
        return _page(request, error=exc.message, status=400)
    return _after("regions")
