"""Limits before work: what headquarters refuses before it reads a body or parses a byte of JSON.

Why a middleware in front of every signed endpoint: FastAPI runs an endpoint only after routing,
and the endpoints read their body first and check the signature over it afterwards, so an unsigned
200 MB POST used to be buffered before the 401. Here the signature headers are checked (device
known and approved, clock, nonce unused and — when the laptop declares the body's digest, as
current laptops do — the signature itself) from the headers alone, and a refusal is answered before
the body is read. A request whose signature cannot be checked before its body (no declared digest)
may carry only :data:`UNVERIFIED_BODY_LIMIT` bytes.

JSON from a laptop is parsed by :func:`parse_json`: nesting deeper than :data:`MAX_DEPTH` or an
integer outside ±2^53 (what JSON numbers can hold exactly everywhere) is a 400, never a 500.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import HTTPException
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from fieldkit.hq.request_auth import check_headers, request_target

UNVERIFIED_BODY_LIMIT = 16 * 1024  # note: kilobytes: every small request fits; a batch never does
MAX_DEPTH = 32
MAX_INT = 2**53
_OPEN_PATHS = ("/v1/health",)
_INTEGER = re.compile(r"^[+-]?([0-9]+)$")  # note: ASCII digits only ("¹".isdigit() is True)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"detail": {"code": code, "message": message}})


class RequestLimits:
    """ASGI middleware: signature headers before the body; small bodies when unverifiable."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or not path.startswith("/v1/") or path in _OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if _huge_number(request):
            refusal = _error(400, "request.out_of_range", f"a number in the query is beyond {MAX_INT}")
            await refusal(scope, receive, send)
            return
        hq = scope["app"].state.fieldkit.hq
        try:
            claim = await run_in_threadpool(
                check_headers, hq, request.method, request_target(request), request.headers
            )
        except HTTPException as exc:
            await JSONResponse(status_code=exc.status_code, content={"detail": exc.detail})(
                scope, receive, send
            )
            return
        if claim.preverified:
            await self.app(scope, receive, send)
            return
        body = await _read_small(request)
        if body is None:
            too_large = _error(
                413,
                "body.unverified_too_large",
                f"a request whose signature cannot be checked before its body may carry at most "
                f"{UNVERIFIED_BODY_LIMIT} bytes (send the X-Fieldkit-Body-SHA256 header: update fieldkit)",
            )
            await too_large(scope, receive, send)
            return
        await self.app(scope, replay_body(body), send)


def _huge_number(request: Request) -> bool:
    """True if a query value is an integer beyond ±2^53 (no endpoint's number is, and the database's
    64-bit columns would overflow with a 500)."""
    for value in request.query_params.values():
        found = _INTEGER.match(value.strip())
        if found and (len(found.group(1)) > 16 or int(found.group(1)) > MAX_INT):
            return True
    return False


async def _read_small(request: Request) -> bytes | None:
    """The body if it is at most :data:`UNVERIFIED_BODY_LIMIT` bytes, else None (stops reading)."""
    declared = request.headers.get("content-length", "")
    if (
        declared.isascii()
        and declared.isdigit()
        and (len(declared) > 12 or int(declared) > UNVERIFIED_BODY_LIMIT)
    ):
        return None
    parts: list[bytes] = []
    size = 0
    async for part in request.stream():
        size += len(part)
        if size > UNVERIFIED_BODY_LIMIT:
            return None
        parts.append(part)
    return b"".join(parts)


def replay_body(body: bytes) -> Receive:
    """A ``receive`` that hands the app a body already read (once), then a disconnect."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _too_deep_or_too_big(value: Any) -> str | None:
    """Why a parsed JSON value is refused (None if it is within the limits); iterative, no recursion."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"nested deeper than {MAX_DEPTH} levels"
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
        elif isinstance(item, int) and not isinstance(item, bool) and abs(item) > MAX_INT:
            return "holds an integer beyond 2^53"
        elif isinstance(item, float) and not abs(item) <= MAX_INT:  # note: also inf (1e400) and NaN
            return "holds a number beyond 2^53"
    return None


def parse_json(body: bytes) -> Any:
    """Laptop JSON within the limits, or a 400 that says what is wrong (never a 500)."""
    try:
        value = json.loads(body, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        why = f"nested deeper than {MAX_DEPTH} levels" if isinstance(exc, RecursionError) else "not JSON"
        raise HTTPException(
            status_code=400, detail={"code": "request.malformed_json", "message": f"the body is {why}"}
        ) from None
    problem = _too_deep_or_too_big(value)
    if problem:
        raise HTTPException(
            status_code=400, detail={"code": "request.malformed_json", "message": f"the body is {problem}"}
        )
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def bounded_int(value: int, what: str, *, low: int = 0, high: int = MAX_INT) -> int:
    """A query number within [low, high], else 400 (a 20-digit ``since`` must not reach the database)."""
    if not low <= value <= high:
        raise HTTPException(
            status_code=400,
            detail={"code": "request.out_of_range", "message": f"{what} must be between {low} and {high}"},
        )
    return value
