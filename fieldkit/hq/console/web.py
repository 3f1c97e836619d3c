"""What every console route uses: the staff member, the form, the database and the page renderer.

Why helpers rather than FastAPI parameters: the guard (:mod:`.guard`) has already found the session
and checked the CSRF token before any route runs, so a route only asks for what was found; a route
that forgets to ask still cannot be reached without a session.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from fieldkit.hq.console import csrf, i18n
from fieldkit.hq.console.headlines import headline
from fieldkit.hq.console.limits import FORM_KEY
from fieldkit.hq.console.sessions import StaffSession
from fieldkit.hq.store import HqStore
from fieldkit.identity.idnumber import mask_id_number

PREFIX = "/console"
TEMPLATES = Path(__file__).parent / "templates"
SESSION_COOKIE = "fk_console"

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,  # note: a misspelt name fails the page test, never renders blank
    trim_blocks=True,
    lstrip_blocks=True,
)


class NotLoggedIn(Exception):
    """No live session: the answer is the login page (a redirect)."""


class Refused(Exception):
    """A 403 page; ``reason`` is an i18n key."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotFound(Exception):
    """A 404 page; ``what`` is shown (already translated or an id)."""


def hq(request: Request) -> HqStore:
    store: HqStore = request.app.state.fieldkit.hq
    return store


def session_of(request: Request) -> StaffSession | None:
    found: StaffSession | None = getattr(request.state, "staff", None)
    return found


def staff(request: Request) -> StaffSession:
    """The logged-in staff member (the guard has checked; this is for the route's own use)."""
    found = session_of(request)
    if found is None:
        raise NotLoggedIn()
    return found


def require_admin(request: Request) -> StaffSession:
    found = staff(request)
    if not found.is_admin:
        raise Refused("refused.admin")
    return found


def form(request: Request) -> dict[str, str]:
    """The POST form, read and size-checked by :class:`.limits.ConsoleRequests`."""
    fields: dict[str, str] = request.scope.get(FORM_KEY, {})
    return fields


def lang(request: Request) -> str:
    return i18n.language(request.cookies.get(i18n.COOKIE))


def local_path(request: Request) -> str:
    """The path inside the console (``/reviews``), whichever way the mount reports it."""
    path = str(request.scope.get("path", ""))
    root = str(request.scope.get("root_path", ""))
    if root and path.startswith(root):
        path = path[len(root) :]
    elif path.startswith(PREFIX):
        path = path[len(PREFIX) :]
    return path or "/"


def render(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    """A page in the request's language, with the staff member and the CSRF token for its forms."""
    found = session_of(request)
    language = lang(request)
    page = _ENV.get_template(template).render(
        t=i18n.translator(language),
        lang=language,
        staff=found,
        csrf_field=csrf.FIELD,
        csrf_token=found.csrf_token if found else context.pop("login_csrf", ""),
        prefix=PREFIX,
        here=PREFIX + local_path(request),
        known_keys=i18n.WORDS.keys(),
        mask=mask_id_number,
        headline=lambda summary: headline(summary, language),
        **context,
    )
    return HTMLResponse(page, status_code=status)
