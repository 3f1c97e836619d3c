"""The console as a sub-application that the HQ server mounts under ``/console``.

Why a mounted sub-application: its middleware (form size limit, no-store headers), its refusal
pages and its routes stay out of the signed API — the API's middleware sees a ``/console`` path,
checks no device signature for it (that is only for ``/v1/``) and signs no answer (a browser sends
no nonce) — and the API's OpenAPI document does not list browser pages.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from fieldkit.hq.console import pages, review_pages
from fieldkit.hq.console.guard import guard
from fieldkit.hq.console.limits import ConsoleRequests
from fieldkit.hq.console.sessions import IDLE_SECONDS
from fieldkit.hq.console.web import PREFIX, NotFound, NotLoggedIn, Refused, local_path, render

_PACKAGE = "fieldkit.hq.console"


def _plug_ins() -> list[Any]:
    """The routers of the ``ops_*`` modules beside this one (the operations pages)."""
    found = []
    for info in sorted(pkgutil.iter_modules(_package_dirs()), key=lambda m: m.name):
        if info.name.startswith("ops_"):
            module = importlib.import_module(f"{_PACKAGE}.{info.name}")
            router = getattr(module, "router", None)
            if router is not None:
                found.append(router)
    return found


def _package_dirs() -> list[str]:
    package = importlib.import_module(_PACKAGE)
    return list(package.__path__)


def _login_redirect(request: Request, _: Exception) -> Response:
    wanted = PREFIX + local_path(request)
    if request.method != "GET" or wanted.startswith(PREFIX + "/login"):
        wanted = PREFIX + "/reviews"
    return RedirectResponse(f"{PREFIX}/login?next={quote(wanted, safe='/')}", status_code=303)


def _refused(request: Request, exc: Exception) -> HTMLResponse:
    reason = exc.reason if isinstance(exc, Refused) else "refused.admin"
    return render(request, "refused.html", status=403, reason=reason)


def _not_found(request: Request, exc: Exception) -> HTMLResponse:
    return render(request, "not_found.html", status=404, what=str(exc))


def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
    if status == 404:
        return render(request, "not_found.html", status=404, what="")
    return HTMLResponse(f"{status}", status_code=status)


def _bad_request(request: Request, _: Exception) -> HTMLResponse:
    """A malformed path or query value (``/reviews/abc``): the not-found page, never a JSON error."""
    return render(request, "not_found.html", status=404, what="")


def create_console(hq_state: Any, *, idle_seconds: int = IDLE_SECONDS) -> FastAPI:
    """The console over the HQ server's state (same database connection and lock)."""
    console = FastAPI(
        title="fieldkit console",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(guard)],
    )
    console.state.fieldkit = hq_state
    console.state.console_idle_seconds = idle_seconds
    for router in _plug_ins():
        console.include_router(router)
    console.include_router(pages.router)
    console.include_router(review_pages.router)
    console.mount("/static", StaticFiles(packages=[(_PACKAGE, "static")]), name="static")
    console.add_exception_handler(NotLoggedIn, _login_redirect)
    console.add_exception_handler(Refused, _refused)
    console.add_exception_handler(NotFound, _not_found)
    console.add_exception_handler(StarletteHTTPException, _http_error)
    console.add_exception_handler(RequestValidationError, _bad_request)
    console.add_middleware(ConsoleRequests)
    return console
