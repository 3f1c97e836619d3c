"""The headquarters HTTP API: signed requests from approved laptops, resumable batch uploads,
decisions back to the field, and work packages out to it.

Why every endpoint but the health check is signed: a request is only worth answering when it comes
from an approved, unrevoked device, and a replayed request must do nothing (see
``fieldkit.hq.request_auth``). Batches are additionally signed and encrypted inside, so a batch is
authenticated by its content too and a USB copy can take the same intake path. Bodies are
size-limited with a clear 413. Served by uvicorn (optionally with TLS); OpenAPI at ``/openapi.json``.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

from fieldkit.errors import UserError
from fieldkit.hq import api_packages, uploads
from fieldkit.hq.acknowledgements import with_held_hashes
from fieldkit.hq.answer_signing import AnswerSigning
from fieldkit.hq.api_common import HqState, as_http, check_uuid, signed_body, state
from fieldkit.hq.intake import intake
from fieldkit.hq.keys import load_hq_key, load_hq_signing_key
from fieldkit.hq.reviews import decisions_for
from fieldkit.hq.store import HqStore
from fieldkit.wire.envelope import open_batch

MAX_BATCH_BYTES = 256 * 1024 * 1024
MAX_CHUNK_BYTES = 8 * 1024 * 1024
_SMALL = 64 * 1024  # declarations and other JSON requests


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        raise HTTPException(
            status_code=400, detail={"code": "request.malformed_json", "message": "the body is not JSON"}
        ) from None


def create_app(
    hq_home: Path,
    *,
    max_bytes: int = MAX_BATCH_BYTES,
    max_chunk: int = MAX_CHUNK_BYTES,
    db_url: str | None = None,
) -> FastAPI:
    """The API over one headquarters (one database connection, used under its lock)."""
    hq = HqStore.open(hq_home, db_url=db_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        hq.close()

    app = FastAPI(title="fieldkit headquarters", version="2", lifespan=lifespan)
    app.state.fieldkit = HqState(hq, max_bytes, min(max_chunk, max_bytes))
    # note: every answer to a signed request leaves signed (fieldkit.wire.answer_auth)
    app.add_middleware(AnswerSigning, key=load_hq_signing_key(hq))

    @app.get("/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/v1/batches")
    async def post_batch(request: Request) -> dict[str, Any]:
        """A whole sealed batch in one request (small batches; the USB file format)."""
        own = state(request)
        device, data = await signed_body(request, own.max_bytes)
        try:
            opened = open_batch(data, hq_private_key=load_hq_key(own.hq), device_keys=own.hq.approved_keys())
            if opened.device_key_id != device:
                raise UserError("The batch was sealed by another device.", code="batch.bad_signature")
            return with_held_hashes(own.hq, intake(own.hq, opened).as_answer())
        except UserError as exc:
            raise as_http(exc) from None

    @app.post("/v1/uploads")
    async def declare_upload(request: Request) -> dict[str, Any]:
        """Phase one: declare the batch (id, size, SHA-256, manifest); answers the offset held."""
        own = state(request)
        device, body = await signed_body(request, max(_SMALL, own.max_bytes // 16))
        declaration = _json(body)
        if isinstance(declaration, dict):
            check_uuid(str(declaration.get("batch_id", "")), "batch_id")
        try:
            return uploads.declare(own.hq, device, declaration, max_bytes=own.max_bytes)
        except UserError as exc:
            raise as_http(exc) from None

    @app.put("/v1/uploads/{batch_id}")
    async def put_chunk(batch_id: str, offset: int, request: Request) -> Any:
        """Phase two: bytes at ``offset``; a wrong offset is answered 409 with the right one."""
        own = state(request)
        check_uuid(batch_id, "batch_id")
        device, data = await signed_body(request, own.max_chunk)
        try:
            return uploads.put_chunk(own.hq, device, batch_id, offset, data)
        except uploads.OffsetMismatch as exc:
            return JSONResponse(
                status_code=409,
                content={"detail": {"code": exc.code, "message": exc.message, "offset": exc.offset}},
            )
        except UserError as exc:
            raise as_http(exc) from None

    @app.post("/v1/uploads/{batch_id}/complete")
    async def complete_upload(batch_id: str, request: Request) -> dict[str, Any]:
        """Phase three: check and take in the batch; per-record statuses (same answer if repeated)."""
        own = state(request)
        check_uuid(batch_id, "batch_id")
        device, _ = await signed_body(request, _SMALL)
        try:
            return with_held_hashes(own.hq, uploads.complete(own.hq, device, batch_id))
        except UserError as exc:
            raise as_http(exc) from None

    @app.get("/v1/decisions")
    async def get_decisions(request: Request, since: int = 0) -> dict[str, Any]:
        """Decisions and corrections for the asking device after sequence number ``since``."""
        device, _ = await signed_body(request, _SMALL)
        return {"decisions": decisions_for(state(request).hq, device, since=max(0, since))}

    app.include_router(api_packages.router)
    return app
