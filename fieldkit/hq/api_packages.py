"""Work-package download: ``GET /v1/packages?region=R&cycle=C&since=N`` for an approved laptop.

Why a signed GET: a package holds a region's identity data and templates, so only an approved,
unrevoked device registered for that region gets one (403 otherwise; the request is signed like
every other; a replay is refused). The answer is the package file itself — signed by headquarters
and encrypted to the asking device — so the laptop opens it exactly like one carried on a USB
stick (and the answer is signed again, bound to the request, like every answer). The build runs
in a worker thread so the event loop is not stuck for the seconds a large
region takes; other requests' database work waits for the database lock as it always does.

Resumable (issue 18): ``POST /v1/packages/prepared?region=R&cycle=C&since=N`` builds the package
once and answers its ``package_id``, ``size`` and ``sha256``; ``GET
/v1/packages/prepared/{package_id}?offset=O&length=L`` answers that piece (each answer signed), so a
download cut off on the way continues where it stopped (:mod:`fieldkit.hq.package_downloads`).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from starlette.concurrency import run_in_threadpool

from fieldkit.errors import UserError
from fieldkit.hq import package_downloads
from fieldkit.hq.api_common import as_http, check_uuid, signed_body, state
from fieldkit.hq.packages import build_package
from fieldkit.wire.package import REGION

router = APIRouter()
_SMALL = 64 * 1024


@router.get("/v1/packages", response_class=Response)
async def get_package(request: Request, region: str, cycle: int, since: int = 0) -> Response:
    """The signed work package of a region and cycle with the changes after ``since`` (0: everything)."""
    device, _ = await signed_body(request, _SMALL)
    _check_query(region, cycle, since)
    hq = state(request).hq
    try:
        data = await run_in_threadpool(
            build_package, hq, region=region, cycle=cycle, since=since, device_key_id=device
        )
    except UserError as exc:
        raise as_http(exc) from None
    return Response(content=data, media_type="application/octet-stream")


@router.post("/v1/packages/prepared")
async def prepare_package(request: Request, region: str, cycle: int, since: int = 0) -> dict[str, Any]:
    """Build the package once and keep it for a resumable download: its id, size and SHA-256."""
    device, _ = await signed_body(request, _SMALL)
    _check_query(region, cycle, since)
    hq = state(request).hq
    try:
        return await run_in_threadpool(
            package_downloads.prepare, hq, device, region=region, cycle=cycle, since=since
        )
    except UserError as exc:
        raise as_http(exc) from None


@router.get("/v1/packages/prepared/{package_id}", response_class=Response)
async def package_piece(request: Request, package_id: str, offset: int, length: int) -> Response:
    """A piece of a prepared package (only for the device it was made for)."""
    device, _ = await signed_body(request, _SMALL)
    check_uuid(package_id, "package id")
    hq = state(request).hq
    try:
        data = await run_in_threadpool(
            package_downloads.read_piece, hq, device, package_id, offset=offset, length=length
        )
    except UserError as exc:
        raise as_http(exc) from None
    return Response(content=data, media_type="application/octet-stream")


def _check_query(region: str, cycle: int, since: int) -> None:
    if not REGION.match(region):
        raise HTTPException(
            status_code=400, detail={"code": "request.bad_region", "message": "region is not a region code"}
        )
    if since < 0 or not 2000 <= cycle <= 2200:
        raise HTTPException(
            status_code=400, detail={"code": "request.bad_query", "message": "cycle or since out of range"}
        )
