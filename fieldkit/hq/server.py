"""The headquarters HTTP API: laptops post sealed batches and get a per-record answer.

Why the batch is the unit of authentication: every batch is signed with the sending laptop's
Ed25519 device key and encrypted to headquarters, so a request carrying one is authenticated by its
content — an unknown or revoked device, an altered body or a batch for another headquarters is
refused before anything is stored. Re-sending a batch is safe (records already held are answered
"already_had"), which is what lets the client retry blindly after a dropped connection. Bodies are
size-limited with a clear 413. Served by uvicorn; its OpenAPI description is at ``/openapi.json``.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request

from fieldkit.errors import UserError
from fieldkit.hq.intake import intake
from fieldkit.hq.keys import load_hq_key
from fieldkit.hq.store import HqStore
from fieldkit.sync.envelope import open_batch

MAX_BATCH_BYTES = 256 * 1024 * 1024
_REFUSALS = {"batch.unknown_device": 403, "batch.bad_signature": 403}


def create_app(hq_home: Path, *, max_bytes: int = MAX_BATCH_BYTES) -> FastAPI:
    """The API over one headquarters data folder (one database connection, used under a lock)."""
    app = FastAPI(title="fieldkit headquarters", version="1")
    hq = HqStore.open(hq_home)
    lock = threading.Lock()

    @app.get("/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/v1/batches")
    async def post_batch(request: Request) -> dict[str, Any]:
        declared = int(request.headers.get("content-length") or 0)
        if declared > max_bytes:
            raise HTTPException(status_code=413, detail=f"batch larger than {max_bytes} bytes")
        data = await request.body()
        if len(data) > max_bytes:
            raise HTTPException(status_code=413, detail=f"batch larger than {max_bytes} bytes")
        with lock:
            try:
                opened = open_batch(data, hq_private_key=load_hq_key(hq), device_keys=hq.approved_keys())
                report = intake(hq, opened)
            except UserError as exc:
                raise HTTPException(
                    status_code=_REFUSALS.get(exc.code, 400),
                    detail={"code": exc.code, "message": exc.message},
                ) from None
        return {
            "batch_id": report.batch_id,
            "statuses": report.statuses,
            "reasons": report.reasons,
            "missing_sequences": report.missing_sequences,
            "repeated_batch": report.repeated_batch,
        }

    return app
