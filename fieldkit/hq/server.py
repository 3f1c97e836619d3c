"""The headquarters HTTP API: signed requests from approved laptops, resumable batch uploads,
decisions back to the field, and work packages out to it.

Why every endpoint but the health check is signed: a request is only worth answering when it comes
from an approved, unrevoked device, and a replayed request must do nothing (see
``fieldkit.hq.request_auth``). Batches are additionally signed and encrypted inside, so a batch is
authenticated by its content too and a USB copy can take the same intake path. Bodies are
size-limited with a clear 413. Served by uvicorn (optionally with TLS); OpenAPI at ``/openapi.json``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Annotated, Any

from fastapi import BackgroundTasks, FastAPI, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from fieldkit.errors import UserError
from fieldkit.hq import api_docs, api_packages, uploads
from fieldkit.hq.acknowledgements import with_held_hashes
from fieldkit.hq.answer_signing import AnswerSigning
from fieldkit.hq.api_common import HqState, as_http, check_uuid, signed_body, state
from fieldkit.hq.console.app import create_console
from fieldkit.hq.intake import intake
from fieldkit.hq.key_vault import PassphrasePrompt
from fieldkit.hq.keys import key_for_batch, load_hq_signing_key
from fieldkit.hq.keys import unlock as unlock_keys
from fieldkit.hq.request_limits import MAX_INT, RequestLimits, bounded_int, parse_json
from fieldkit.hq.review_districts import place_new_reviews
from fieldkit.hq.reviews import decisions_for
from fieldkit.hq.search_worker import WorkerThread
from fieldkit.hq.store import HqStore
from fieldkit.wire.envelope import open_batch

MAX_BATCH_BYTES = 256 * 1024 * 1024
# note: how `fieldkit hq serve --processes N` tells each API process what to serve (uvicorn starts
# them with the spawn method and calls app_from_environment in each)
HOME_ENV = "FIELDKIT_HQ_SERVE_HOME"
MAX_BYTES_ENV = "FIELDKIT_HQ_SERVE_MAX_BYTES"
MAX_CHUNK_BYTES = 8 * 1024 * 1024
_SMALL = 64 * 1024  # declarations and other JSON requests


BatchId = Annotated[str, PathParam(pattern=api_docs.UUID_PATTERN, description="the batch's UUID")]


def _answer(action: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run an intake rule in a worker thread; its user errors become HTTP refusals."""
    try:
        return action(*args)
    except uploads.OffsetMismatch:
        raise
    except UserError as exc:
        raise as_http(exc) from None


def _take_batch(hq: HqStore, device: str, data: bytes) -> dict[str, Any]:
    try:
        opened = open_batch(data, hq_private_key=key_for_batch(hq, data), device_keys=hq.approved_keys())
        if opened.device_key_id != device:
            raise UserError("The batch was sealed by another device.", code="batch.bad_signature")
        return with_held_hashes(hq, intake(hq, opened).as_answer())
    except UserError as exc:
        raise as_http(exc) from None


def _complete(hq: HqStore, device: str, batch_id: str) -> dict[str, Any]:
    """Take in an uploaded batch; the answer names the hash HQ holds of each record (signed acks)."""
    return with_held_hashes(hq, uploads.complete(hq, device, batch_id))


def create_app(
    hq_home: Path,
    *,
    max_bytes: int = MAX_BATCH_BYTES,
    max_chunk: int = MAX_CHUNK_BYTES,
    db_url: str | None = None,
    passphrase_prompt: PassphrasePrompt | None = None,
    search_worker: bool = False,
) -> FastAPI:
    """The API over one headquarters (SQLite: one connection under its lock; PostgreSQL: a pool, a
    connection per unit of work); its keys are unlocked here, so a wrong passphrase stops the server
    before it listens. ``search_worker`` runs a duplicate-search worker thread (own connection)
    while the server runs, as ``fieldkit hq serve`` does unless told ``--no-worker``."""
    hq = HqStore.open(hq_home, db_url=db_url)
    hq.passphrase_prompt = passphrase_prompt
    try:
        unlock_keys(hq)
    except BaseException:
        hq.close()
        raise

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        worker = WorkerThread(hq_home, db_url) if search_worker else None
        if worker is not None:
            worker.start()
        try:
            yield
        finally:
            if worker is not None:
                await run_in_threadpool(worker.close)
            hq.close()

    app = FastAPI(title="fieldkit headquarters", version="2", lifespan=lifespan)
    app.state.fieldkit = HqState(hq, max_bytes, min(max_chunk, max_bytes))

    @app.get("/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    # note: each endpoint reads its body on the event loop (bounded, after RequestLimits checked the
    # signature headers) and does its database and intake work in a worker thread
    @app.post("/v1/batches", responses=api_docs.SIGNED, openapi_extra=api_docs.SEALED_BATCH)
    async def post_batch(request: Request, background: BackgroundTasks) -> dict[str, Any]:
        """A whole sealed batch in one request (small batches; the USB file format)."""
        own = state(request)
        device, data = await signed_body(request, own.max_bytes)
        answer = await run_in_threadpool(_take_batch, own.hq, device, data)
        background.add_task(place_new_reviews, own.hq)  # note: after the answer is sent
        return answer

    @app.post("/v1/uploads", responses=api_docs.SIGNED, openapi_extra=api_docs.DECLARATION)
    async def declare_upload(request: Request) -> dict[str, Any]:
        """Phase one: declare the batch (id, size, SHA-256, manifest); answers the offset held."""
        own = state(request)
        device, body = await signed_body(request, max(_SMALL, own.max_bytes // 16))
        declaration = await run_in_threadpool(parse_json, body)  # note: up to megabytes of JSON
        if isinstance(declaration, dict):
            check_uuid(str(declaration.get("batch_id", "")), "batch_id")
        declare = partial(uploads.declare, own.hq, device, declaration, max_bytes=own.max_bytes)
        return await run_in_threadpool(_answer, declare)

    @app.put("/v1/uploads/{batch_id}", responses=api_docs.UPLOAD, openapi_extra=api_docs.CHUNK)
    async def put_chunk(batch_id: BatchId, offset: int, request: Request) -> Any:
        """Phase two: bytes at ``offset``; a wrong offset is answered 409 with the right one."""
        own = state(request)
        bounded_int(offset, "offset", high=own.max_bytes)
        device, data = await signed_body(request, own.max_chunk)
        try:
            return await run_in_threadpool(_answer, uploads.put_chunk, own.hq, device, batch_id, offset, data)
        except uploads.OffsetMismatch as exc:
            return JSONResponse(
                status_code=409,
                content={"detail": {"code": exc.code, "message": exc.message, "offset": exc.offset}},
            )

    @app.post("/v1/uploads/{batch_id}/complete", responses=api_docs.UPLOAD)
    async def complete_upload(
        batch_id: BatchId, request: Request, background: BackgroundTasks
    ) -> dict[str, Any]:
        """Phase three: check and take in the batch; per-record statuses (same answer if repeated)."""
        own = state(request)
        device, _ = await signed_body(request, _SMALL)
        answer = await run_in_threadpool(_answer, _complete, own.hq, device, batch_id)
        background.add_task(place_new_reviews, own.hq)  # note: the new items into the district filter
        return answer

    @app.get("/v1/decisions", responses=api_docs.SIGNED)
    async def get_decisions(request: Request, since: int = 0) -> dict[str, Any]:
        """Decisions and corrections for the asking device after sequence number ``since``."""
        bounded_int(since, "since", low=-MAX_INT)
        device, _ = await signed_body(request, _SMALL)
        hq = state(request).hq
        return {"decisions": await run_in_threadpool(decisions_for, hq, device, since=max(0, since))}

    app.include_router(api_packages.router, responses=api_docs.SIGNED)
    # note: the web review console, same process and database; /console is outside RequestLimits'
    # /v1/ signature checks (browsers sign nothing) and limits its own form bodies
    app.mount("/console", create_console(app.state.fieldkit))
    app.add_exception_handler(RequestValidationError, api_docs.validation_refusal)
    app.add_middleware(RequestLimits)
    # note: added last, so outermost: every answer to a signed request leaves signed
    # (fieldkit.wire.answer_auth), the limits' early refusals included
    app.add_middleware(AnswerSigning, key=load_hq_signing_key(hq))
    return app


def app_from_environment() -> FastAPI:
    """The API of one of several processes (``fieldkit hq serve --processes N``).

    Why processes, not threads: intake and answer signing are Python work; one process uses one core
    however many connections its pool has. uvicorn's supervisor binds the port once and starts N
    processes that accept from it, restarting one that dies. Every piece of state a request relies
    on across processes is in the database: nonces (replay protection), upload sessions and their
    chunks, review items, the job queue; keys are unlocked in each process from the vault with the
    passphrase the parent was given. No search worker runs in these processes: run ``fieldkit hq
    worker`` beside them (as many as the cores allow; on PostgreSQL they never take the same job).
    """
    import os

    return create_app(
        Path(os.environ[HOME_ENV]), max_bytes=int(os.environ[MAX_BYTES_ENV]), search_worker=False
    )
