"""The console's own pages: login, logout, language switch, the start page, and the admin stubs.

Why login answers the same words for every refusal: :func:`fieldkit.hq.operators.hq_log_in` already
makes an unknown login, a wrong password and a locked account look and cost the same; the page
keeps it that way. Each login and refusal is in the staff audit trail.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from fieldkit.errors import UserError
from fieldkit.hq.console import csrf, i18n, staff_audit
from fieldkit.hq.console.sessions import end_session, start_session
from fieldkit.hq.console.web import PREFIX, SESSION_COOKIE, form, hq, render, staff
from fieldkit.hq.operators import hq_log_in

router = APIRouter()
_MAX_LOGIN = 128


def _safe_next(value: str | None) -> str:
    """Where to go after login: a console path only (never another site)."""
    target = value or ""
    parts = urlsplit(target)
    odd = "//" in target or "\\" in target
    if parts.scheme or parts.netloc or odd or not target.startswith(PREFIX + "/"):
        return PREFIX + "/reviews"
    return target


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _login_page(request: Request, *, error: str | None, next_path: str, status: int = 200) -> Response:
    token = csrf.new_login_token()
    page = render(request, "login.html", status=status, error=error, next_path=next_path, login_csrf=token)
    page.set_cookie(
        csrf.LOGIN_COOKIE,
        token,
        path=PREFIX + "/login",
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        max_age=3600,
    )
    return page


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> Response:
    if getattr(request.state, "staff", None) is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return _login_page(request, error=None, next_path=_safe_next(next))


@router.post("/login", response_class=HTMLResponse)
def log_in(request: Request) -> Response:
    fields = form(request)
    next_path = _safe_next(fields.get("next"))
    if not csrf.same(request.cookies.get(csrf.LOGIN_COOKIE, ""), fields.get(csrf.FIELD)):
        return _login_page(request, error="login.expired", next_path=next_path, status=403)
    login = fields.get("login", "").strip()[:_MAX_LOGIN]
    store = hq(request)
    try:
        hq_log_in(store, login, fields.get("password", ""))
    except UserError:
        staff_audit.record(store, login or "-", "login_refused", "console", remote=_remote(request))
        return _login_page(request, error="login.refused", next_path=next_path, status=401)
    token = start_session(store, login, _remote(request))
    staff_audit.record(store, login, "login", "console", remote=_remote(request))
    answer = RedirectResponse(next_path, status_code=303)
    answer.set_cookie(
        SESSION_COOKIE, token, path=PREFIX, httponly=True, samesite="strict", secure=_secure(request)
    )
    answer.delete_cookie(csrf.LOGIN_COOKIE, path=PREFIX + "/login")
    return answer


@router.post("/logout")
def log_out(request: Request) -> Response:
    who = staff(request)
    end_session(hq(request), who.token_hash)
    staff_audit.record(hq(request), who.login, "logout", "console")
    answer = RedirectResponse(PREFIX + "/login", status_code=303)
    answer.delete_cookie(SESSION_COOKIE, path=PREFIX)
    return answer


@router.get("/lang")
def switch_language(request: Request, to: str = i18n.DEFAULT, next: str | None = None) -> Response:
    answer = RedirectResponse(_safe_next(next), status_code=303)
    answer.set_cookie(
        i18n.COOKIE,
        i18n.language(to),
        path=PREFIX,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        max_age=365 * 24 * 3600,
    )
    return answer


@router.get("/")
def start(request: Request) -> Response:
    staff(request)
    return RedirectResponse(PREFIX + "/reviews", status_code=303)


def _remote(request: Request) -> str:
    return request.client.host if request.client else "-"
