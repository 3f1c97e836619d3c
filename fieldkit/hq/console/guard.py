"""The check in front of every console route: session, role, CSRF — before the route runs.

Why one guard for all routes (a FastAPI dependency of the whole console application) rather than a
check in each route: a page added later, by another module, is protected without remembering to
be. The admin pages are known by their path (:data:`ADMIN_PREFIXES`), so a reviewer is refused
them server-side with a 403 page even if a route forgot to ask for the role.
"""

from __future__ import annotations

from fastapi import Request

from fieldkit.hq.console import csrf
from fieldkit.hq.console.sessions import IDLE_SECONDS, find_session
from fieldkit.hq.console.web import SESSION_COOKIE, NotLoggedIn, Refused, form, hq, local_path

OPEN_PATHS = ("/login", "/lang")  # note: reachable without a session (the login form has its own token)
ADMIN_PREFIXES = ("/devices", "/regions", "/staff")


def _under(path: str, prefixes: tuple[str, ...]) -> bool:
    return any(path == p or path.startswith(p + "/") for p in prefixes)


def guard(request: Request) -> None:
    """Find the session; refuse what the request may not do (see the module's docstring)."""
    path = local_path(request)
    idle = int(getattr(request.app.state, "console_idle_seconds", IDLE_SECONDS))
    token = request.cookies.get(SESSION_COOKIE, "")
    request.state.staff = find_session(hq(request), token, idle_seconds=idle) if token else None
    if _under(path, OPEN_PATHS):
        return
    if request.state.staff is None:
        raise NotLoggedIn()
    if _under(path, ADMIN_PREFIXES) and not request.state.staff.is_admin:
        raise Refused("refused.admin")
    if request.method not in ("GET", "HEAD") and not csrf.same(
        request.state.staff.csrf_token, form(request).get(csrf.FIELD)
    ):
        raise Refused("refused.csrf")
