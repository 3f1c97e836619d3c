"""``/console/staff`` (administrators): list, add, deactivate, reactivate, unlock, reset password.

Why one small form per action: each posts the account's login and the CSRF token, changes one thing
through :mod:`.ops_staff` (the rules and the audit line live there) and redirects, so a reload never
repeats it. A typed password is never echoed back into the page, the log or the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from fieldkit.errors import UserError
from fieldkit.hq.console import (
    ops_staff,
    ops_words,  # noqa: F401 - adds the pages' words
)
from fieldkit.hq.console.ops_audit import staff_events
from fieldkit.hq.console.web import PREFIX, form, hq, render, require_admin
from fieldkit.hq.operators import HQ_ROLES
from fieldkit.hq.store import HqStore
from fieldkit.times import display_time

router = APIRouter()
DONE = ("added", "deactivated", "reactivated", "unlocked", "password")


def _page(
    request: Request, *, error: str = "", typed: dict[str, str] | None = None, status: int = 200
) -> Response:
    store = hq(request)
    done = request.query_params.get("done", "")
    kept = {k: v for k, v in (typed or {}).items() if k in ("login", "name", "role")}  # never a password
    return render(
        request,
        "ops_staff.html",
        status=status,
        rows=ops_staff.staff_rows(store),
        roles=HQ_ROLES,
        audit=staff_events(store, subject_prefix="staff:", limit=8),
        done=f"ops.staff.done.{done}" if done in DONE else "",
        error=error,
        typed=kept,
        when=display_time,
    )


@router.get("/staff", response_class=HTMLResponse)
def staff_page(request: Request) -> Response:
    require_admin(request)
    return _page(request)


@router.post("/staff/add", response_class=HTMLResponse)
def add(request: Request) -> Response:
    who = require_admin(request)
    fields = form(request)
    try:
        ops_staff.add_staff(
            hq(request),
            login=fields.get("login", ""),
            name=fields.get("name", ""),
            role=fields.get("role", ""),
            password=fields.get("password", ""),
            staff=who.login,
        )
    except UserError as exc:
        return _page(request, error=exc.message, typed=fields, status=400)
    return RedirectResponse(f"{PREFIX}/staff?done=added", status_code=303)


def _change(
    request: Request, action: Callable[[HqStore, str, str, dict[str, str]], None], done: str
) -> Response:
    who = require_admin(request)
    fields = form(request)
    try:
        action(hq(request), fields.get("login", ""), who.login, fields)
    except UserError as exc:
        return _page(request, error=exc.message, status=400)
    return RedirectResponse(f"{PREFIX}/staff?done={done}", status_code=303)


@router.post("/staff/deactivate", response_class=HTMLResponse)
def deactivate(request: Request) -> Response:
    return _change(
        request, lambda s, login, by, _: ops_staff.deactivate_staff(s, login=login, staff=by), "deactivated"
    )


@router.post("/staff/reactivate", response_class=HTMLResponse)
def reactivate(request: Request) -> Response:
    return _change(
        request, lambda s, login, by, _: ops_staff.reactivate_staff(s, login=login, staff=by), "reactivated"
    )


@router.post("/staff/unlock", response_class=HTMLResponse)
def unlock(request: Request) -> Response:
    return _change(
        request, lambda s, login, by, _: ops_staff.unlock_staff(s, login=login, staff=by), "unlocked"
    )


@router.post("/staff/password", response_class=HTMLResponse)
def reset_password(request: Request) -> Response:
    return _change(
        request,
        lambda s, login, by, f: ops_staff.reset_password(
            s, login=login, password=f.get("password", ""), staff=by
        ),
        "password",
    )
