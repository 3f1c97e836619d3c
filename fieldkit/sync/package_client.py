"""Downloading work-package updates from headquarters (``fieldkit package download``).

Why the laptop sends the change number it holds: headquarters then builds only what changed since,
which is small enough for a hotel connection. The answer is signed by headquarters for this very
request (checked by the client), and the package in it is encrypted to this laptop's device key and
signed by headquarters; all is checked before anything is stored (a proxy or a fake server cannot
plant people or templates, nor replay an old package), and a body cut off in transit is fetched
again rather than reported as an attack.

Resumable (issue 18): the laptop asks headquarters to prepare the package once, then fetches it in
pieces by offset; a piece cut off on the way is asked for again from where the bytes stop, so a
dropped connection costs at most one piece, not the package. With ``spool`` the bytes received so
far are kept on disk (owner-only; they are encrypted to this laptop), so even the next ``fieldkit
sync`` after the laptop was switched off continues the same download. Nothing is applied until the
whole file matches the SHA-256 headquarters announced and its signature verifies. A headquarters
without prepared downloads (older release) is asked the old way, for the whole package at once.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from fieldkit.device_key import device_key
from fieldkit.errors import UserError
from fieldkit.files import atomic_write
from fieldkit.sync.http import HqClient
from fieldkit.sync.package import ApplySummary, apply_package, remembered
from fieldkit.wire.package import Package, check_region, open_package
from storage.store import Store

PIECE_BYTES = 4 * 1024 * 1024
_PARTIAL, _ABOUT = "package.partial", "package.partial.json"


def _old_way(client: HqClient, params: dict[str, Any]) -> bytes:
    """The whole package in one answer (headquarters before resumable downloads)."""
    return bytes(client.request("GET", "/v1/packages", params=params).content)


def _resume_point(spool: Path | None, params: dict[str, Any]) -> tuple[dict[str, Any] | None, bytearray]:
    """A download left by an interrupted sync for the same region, cycle and starting point."""
    if spool is None:
        return None, bytearray()
    try:
        about = json.loads((spool / _ABOUT).read_text(encoding="utf-8"))
        held = bytearray((spool / _PARTIAL).read_bytes())
    except (OSError, ValueError):
        return None, bytearray()
    if not isinstance(about, dict) or about.get("params") != params or len(held) > int(about["size"]):
        return None, bytearray()
    return about, held


def _start(spool: Path | None, about: dict[str, Any]) -> None:
    if spool is None:
        return
    spool.mkdir(mode=0o700, parents=True, exist_ok=True)
    spool.chmod(0o700)
    atomic_write(spool / _PARTIAL, b"")
    atomic_write(spool / _ABOUT, json.dumps(about).encode())


def _append(spool: Path | None, piece: bytes) -> None:
    """Add a piece to the kept bytes (appended in order, so even a torn write leaves a true prefix)."""
    if spool is None:
        return
    handle = os.open(spool / _PARTIAL, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(handle, "ab") as file:
        file.write(piece)


def _forget(spool: Path | None) -> None:
    if spool is not None:
        for name in (_PARTIAL, _ABOUT):
            (spool / name).unlink(missing_ok=True)


def fetch_resumable(
    client: HqClient, params: dict[str, Any], *, spool: Path | None = None, piece: int = 0
) -> bytes:
    """The package file, fetched in pieces from where the bytes received so far stop; checked
    against the SHA-256 headquarters announced (a mismatch starts over once, then is refused)."""
    piece = piece or PIECE_BYTES
    for _ in range(2):
        about, held = _resume_point(spool, params)
        if about is None:
            try:
                prepared = client.json("POST", "/v1/packages/prepared", params=params)
            except UserError as exc:
                if exc.params.get("status") in (404, 405):
                    return _old_way(client, params)
                raise
            about = {"params": params, **prepared}
            held = bytearray()
            _start(spool, about)
        size, package_id = int(about["size"]), str(about["package_id"])
        while len(held) < size:
            try:
                response = client.request(
                    "GET",
                    f"/v1/packages/prepared/{package_id}",
                    params={"offset": len(held), "length": min(piece, size - len(held))},
                )
            except UserError as exc:
                if exc.code == "sync.refused.package.unknown_download":
                    _forget(spool)  # note: expired at headquarters; prepare a new one
                    break
                raise
            if not response.content:
                raise UserError("Headquarters sent an empty piece of the package.", code="package.damaged")
            held += response.content
            _append(spool, response.content)
        else:
            if hashlib.sha256(held).hexdigest() == about["sha256"]:
                _forget(spool)
                return bytes(held)
            _forget(spool)  # note: wrong bytes; fetch it all again once
    raise UserError(
        "The package could not be fetched whole (it changed or expired at headquarters); try again.",
        code="package.damaged",
    )


def download_package(
    store: Store,
    client: HqClient,
    *,
    region: str,
    cycle: int,
    hq_signing_key: bytes,
    actor: str,
    spool: Path | None = None,
) -> ApplySummary:
    """Fetch the changes of ``region``/``cycle`` after the ones applied here (resumably), verify
    headquarters' signature over the whole package, then apply."""
    check_region(region)
    since, _ = remembered(store, region, cycle)
    params = {"region": region, "cycle": cycle, "since": since}
    damaged: UserError | None = None
    for _ in range(max(1, client.attempts)):
        data = fetch_resumable(client, params, spool=spool)
        try:
            package: Package = open_package(data, hq_signing_key, device_key(store, actor))
        except UserError as exc:
            if exc.code != "package.damaged":
                raise
            damaged = exc  # note: a body cut short on the way; ask again
            continue
        if (package.region, package.cycle, package.since) != (region, cycle, since):
            raise UserError(
                "Headquarters answered with a package for another region, cycle or starting point.",
                code="package.mismatch",
            )
        return apply_package(store, package, actor=actor)
    assert damaged is not None
    raise damaged
