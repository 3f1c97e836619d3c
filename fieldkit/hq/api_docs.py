"""What the OpenAPI document says every headquarters endpoint can answer, and the shape of a refusal.

Why: a team writing another client (or a test tool such as schemathesis) reads ``/openapi.json``;
listing only 200 and FastAPI's 422 hid the refusals that matter (unknown device, replay, too large).
Every refusal is ``{"detail": {"code": …, "message": …}}``; validation errors are answered 400 in the
same shape (see :func:`validation_refusal`), so a client handles one form.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


class RefusalDetail(BaseModel):
    """Why a request was refused: a stable code and words for a person."""

    code: str
    message: str
    offset: int | None = None  # note: only for upload.offset (the offset headquarters holds)


class Refusal(BaseModel):
    """A refused request."""

    detail: RefusalDetail


def _doc(text: str) -> dict[str, Any]:
    return {"model": Refusal, "description": text}


SIGNED: dict[int | str, dict[str, Any]] = {
    400: _doc("malformed request: bad JSON (too deep, integers beyond 2^53), a bad id or query value"),
    401: _doc("not signed, malformed signature headers, bad signature, or the laptop's clock is off"),
    403: _doc("unknown or revoked device, or a batch sealed by another device"),
    409: _doc("a replayed request (nonce already used), or a chunk at the wrong offset"),
    413: _doc("the body is larger than allowed (unverifiable bodies: a few kilobytes)"),
}
UPLOAD = {**SIGNED, 404: _doc("no such upload declared by this device")}


async def validation_refusal(_: Request, exc: Exception) -> JSONResponse:
    """FastAPI's parameter validation errors as a 400 refusal like every other."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    where = ", ".join(".".join(str(p) for p in e.get("loc", ())) for e in errors[:3]) or "request"
    return JSONResponse(
        status_code=400, content={"detail": {"code": "request.invalid", "message": f"invalid {where}"}}
    )


def _body(media: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {media: {"schema": schema}}}}


# note: the endpoints read their bodies themselves (they must be counted and signed as raw bytes),
# so FastAPI cannot infer these; they are declared for clients and fuzzers
SEALED_BATCH = _body("application/octet-stream", {"type": "string", "format": "binary"})
CHUNK = SEALED_BATCH
DECLARATION = _body(
    "application/json",
    {
        "type": "object",
        "required": ["batch_id", "size", "sha256", "manifest"],
        "properties": {
            "batch_id": {"type": "string", "pattern": UUID_PATTERN},
            "size": {"type": "integer", "minimum": 1},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "manifest": {
                "type": "object",
                "required": ["entries"],
                "properties": {"entries": {"type": "array", "items": {"type": "object"}}},
            },
        },
    },
)
