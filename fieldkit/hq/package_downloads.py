"""Resumable work-package downloads: a package is built once, kept, and served in pieces by offset.

Why keep the built file: a package is encrypted to the device with a fresh key each time it is
built, so two builds differ byte for byte; a download that resumes at an offset must read the same
bytes. Headquarters builds it once (``prepare``), keeps it under ``package-downloads/`` in its home
(owner-only folder and files; the content is already signed and encrypted to the one device), and
answers pieces of it by offset for the device it was made for. The laptop checks the whole file's
SHA-256 (from the signed ``prepare`` answer) and then headquarters' signature inside the package
before applying anything. Prepared files are dropped after ``KEEP_SECONDS`` (a laptop that comes
back later prepares a new one; its changes-since number has not moved), and so are a device's
earlier prepared packages when it prepares another.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from pathlib import Path
from typing import Any

from fieldkit.errors import UserError
from fieldkit.files import atomic_write
from fieldkit.hq.packages import build_package
from fieldkit.hq.store import HqStore

FOLDER = "package-downloads"
KEEP_SECONDS = 24 * 3600
MAX_PIECE = 8 * 1024 * 1024


def _folder(hq: HqStore) -> Path:
    folder = hq.home / FOLDER
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    return folder


def _drop_old(folder: Path, now: float, device: str) -> None:
    """Drop expired packages, and this device's earlier ones (a device resumes only its latest, so
    a device asking again and again cannot fill the disk)."""
    for path in folder.glob("*.json"):
        try:
            expired = now - path.stat().st_mtime > KEEP_SECONDS
            mine = json.loads(path.read_text(encoding="utf-8")).get("device_key_id") == device
        except (OSError, ValueError, AttributeError):
            continue  # note: another process dropped it first
        if expired or mine:
            path.with_suffix(".fkpkg").unlink(missing_ok=True)
            path.unlink(missing_ok=True)


def prepare(hq: HqStore, device: str, *, region: str, cycle: int, since: int) -> dict[str, Any]:
    """Build the package for ``device`` and keep it; returns its id, size and SHA-256."""
    data = build_package(hq, region=region, cycle=cycle, since=since, device_key_id=device)
    folder = _folder(hq)
    _drop_old(folder, time.time(), device)
    package_id = str(uuid.uuid4())
    digest = hashlib.sha256(data).hexdigest()
    atomic_write(folder / f"{package_id}.fkpkg", data)
    described = {"device_key_id": device, "size": len(data), "sha256": digest}
    atomic_write(folder / f"{package_id}.json", json.dumps(described).encode())
    return {"package_id": package_id, "size": len(data), "sha256": digest}


def read_piece(hq: HqStore, device: str, package_id: str, *, offset: int, length: int) -> bytes:
    """Bytes ``offset`` .. ``offset + length`` of a prepared package made for ``device``."""
    folder = hq.home / FOLDER
    gone = UserError(
        "No such prepared package (it expired or was made for another device); prepare it again.",
        code="package.unknown_download",
    )
    try:
        described = json.loads((folder / f"{package_id}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise gone from None
    if described.get("device_key_id") != device:
        raise gone
    size = int(described["size"])
    if offset < 0 or offset > size or not 1 <= length <= MAX_PIECE:
        raise UserError(
            f"The offset must be 0 to {size} and the length 1 to {MAX_PIECE}.", code="package.bad_range"
        )
    try:
        with (folder / f"{package_id}.fkpkg").open("rb") as file:
            file.seek(offset)
            return file.read(length)
    except OSError:
        raise gone from None
