"""What every headquarters endpoint shares: the database, size limits, and the signed-device check.

Why bodies are read with a running limit: a declared Content-Length can lie (or be absent with
chunked encoding), so the body is counted as it arrives and refused with 413 the moment it passes
the limit, before it is held in memory or stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool

from fieldkit.errors import UserError
from fieldkit.hq.request_auth import verify_request
from fieldkit.hq.store import HqStore

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_REFUSALS = {
    "batch.unknown_device": 403,
    "batch.bad_signature": 403,
    "upload.offset": 409,
    "upload.too_large": 413,
    "upload.unknown": 404,
    "package.region_not_allowed": 403,
    "package.device_revoked": 403,
}


@dataclass
class HqState:
    """The state an app instance works on."""

    hq: HqStore
    max_bytes: int
    max_chunk: int


def state(request: Request) -> HqState:
    found: HqState = request.app.state.fieldkit
    return found


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, or 413 as soon as it is larger than ``limit``."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(
            status_code=413, detail={"code": "body.too_large", "message": f"body over {limit} bytes"}
        )
    parts: list[bytes] = []
    size = 0
    async for part in request.stream():
        size += len(part)
        if size > limit:
            raise HTTPException(
                status_code=413, detail={"code": "body.too_large", "message": f"body over {limit} bytes"}
            )
        parts.append(part)
    return b"".join(parts)


async def signed_body(request: Request, limit: int) -> tuple[str, bytes]:
    """(device key id, body) of a request signed by an approved device."""
    body = await read_body(request, limit)
    # note: the check spends a nonce in the database: a worker thread, not the event loop
    return await run_in_threadpool(verify_request, state(request).hq, request, body), body


def check_uuid(value: str, what: str) -> str:
    """Refuse IDs that are not UUIDs (path-like or otherwise odd IDs never reach the database)."""
    if not UUID.match(value):
        raise HTTPException(
            status_code=400, detail={"code": "request.bad_id", "message": f"{what} is not a UUID"}
        )
    return value


def as_http(exc: UserError) -> HTTPException:
    """A user error from the intake rules as an HTTP refusal with its code and words."""
    return HTTPException(
        status_code=_REFUSALS.get(exc.code, 400), detail={"code": exc.code, "message": exc.message}
    )
