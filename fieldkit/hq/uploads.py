"""Two-phase, resumable batch uploads: a signed declaration first, then the sealed batch in chunks.

Why two phases: a batch with a thousand enrollments and their images is tens of megabytes and a
field connection drops; the laptop first declares what is coming (batch id, size, SHA-256 of the
sealed file, and the manifest of records — UUIDs, types, hashes, sizes, sequence numbers), then
sends chunks at the offset headquarters confirms, so after any interruption it asks "where were
we?" and continues from there. Completing the upload checks the whole file against the declared
hash, opens it (signature, encryption), checks its manifest against the declared one, runs the
intake and keeps the answer, so completing twice gives the same answer and stores nothing twice.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from fieldkit.errors import UserError
from fieldkit.hq.intake import intake, parse_body
from fieldkit.hq.keys import key_for_batch
from fieldkit.hq.store import HqStore
from fieldkit.wire.envelope import open_batch
from storage.records import utc_now

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class OffsetMismatch(UserError):
    """A chunk for the wrong offset: the answer carries the offset headquarters holds."""

    def __init__(self, offset: int) -> None:
        super().__init__(f"headquarters holds {offset} bytes of this upload", code="upload.offset")
        self.offset = offset


class _Corrupt(Exception):
    """The uploaded bytes do not match the declared hash (the upload starts over)."""


def _canonical_entries(manifest: dict[str, Any]) -> str:
    return json.dumps(manifest.get("entries"), sort_keys=True, separators=(",", ":"))


def _row(hq: HqStore, batch_id: str, *, lock: bool = False) -> Any:
    """The upload's row; ``lock`` (inside a transaction) keeps other connections off it until commit."""
    held = " FOR UPDATE" if lock and hq.db.dialect == "postgresql" else ""
    return hq.db.execute(
        "SELECT device_key_id, total_size, sha256, manifest, received, status, report FROM uploads "
        f"WHERE batch_id = ?{held}",
        (batch_id,),
    ).fetchone()


def _state(row: Any, batch_id: str) -> dict[str, Any]:
    complete = row[5] == "complete"
    return {
        "batch_id": batch_id,
        "offset": int(row[4]),
        "complete": complete,
        "answer": json.loads(row[6]) if complete and row[6] else None,
    }


def declare(hq: HqStore, device: str, declaration: Any, *, max_bytes: int) -> dict[str, Any]:
    """Start (or find) an upload; returns how many bytes headquarters already holds."""
    try:
        batch_id = str(declaration["batch_id"])
        size, digest, manifest = int(declaration["size"]), str(declaration["sha256"]), declaration["manifest"]
        if not isinstance(manifest, dict) or not isinstance(manifest.get("entries"), list):
            raise TypeError("manifest")
    except (KeyError, TypeError, ValueError):
        raise UserError("The upload declaration is malformed.", code="upload.malformed") from None
    if not _SHA256.match(digest):
        raise UserError("The upload declaration's SHA-256 is malformed.", code="upload.malformed")
    if size <= 0 or size > max_bytes:
        raise UserError(f"A batch must be 1 to {max_bytes} bytes, not {size}.", code="upload.too_large")
    if str(manifest.get("batch_id", batch_id)) != batch_id:
        raise UserError("The manifest names another batch.", code="upload.malformed")
    with hq.db.transaction():
        row = _row(hq, batch_id)
        if row is None:
            hq.db.execute(  # note: the same declaration racing in through another connection adds nothing
                "INSERT INTO uploads (batch_id, device_key_id, total_size, sha256, manifest, received, "
                "status, created_at) VALUES (?, ?, ?, ?, ?, 0, 'receiving', ?) "
                "ON CONFLICT (batch_id) DO NOTHING",
                (batch_id, device, size, digest, json.dumps(manifest, sort_keys=True), utc_now()),
            )
            row = _row(hq, batch_id)
        if row[0] != device or int(row[1]) != size or row[2] != digest:
            raise UserError("This batch id was declared before with other content.", code="upload.mismatch")
    return _state(row, batch_id)


def _own(hq: HqStore, device: str, batch_id: str, *, lock: bool = False) -> Any:
    row = _row(hq, batch_id, lock=lock)
    if row is None or row[0] != device:
        raise UserError("No such upload was declared by this device.", code="upload.unknown")
    return row


def put_chunk(hq: HqStore, device: str, batch_id: str, offset: int, data: bytes) -> dict[str, Any]:
    """Store the bytes at ``offset``; a wrong offset is answered with the one headquarters holds."""
    with hq.db.transaction():
        row = _own(hq, device, batch_id, lock=True)  # note: two chunks at one offset: one wins
        received, size = int(row[4]), int(row[1])
        if row[5] == "complete":
            return _state(row, batch_id)
        if offset != received:
            raise OffsetMismatch(received)
        if not data:
            raise UserError("An empty chunk.", code="upload.malformed")
        if received + len(data) > size:
            raise UserError("The chunk goes past the declared size.", code="upload.too_large")
        hq.db.execute(
            "INSERT INTO upload_chunks (batch_id, chunk_offset, data) VALUES (?, ?, ?)",
            (batch_id, offset, data),
        )
        hq.db.execute("UPDATE uploads SET received = ? WHERE batch_id = ?", (received + len(data), batch_id))
        return _state(_row(hq, batch_id), batch_id)


def _restart(hq: HqStore, batch_id: str) -> None:
    with hq.db.transaction():
        hq.db.execute("DELETE FROM upload_chunks WHERE batch_id = ?", (batch_id,))
        hq.db.execute("UPDATE uploads SET received = 0 WHERE batch_id = ?", (batch_id,))


def complete(hq: HqStore, device: str, batch_id: str) -> dict[str, Any]:
    """Check, open and take in the uploaded batch; the same answer every time it is asked.

    One transaction holding the upload's row: a second completion of the same upload (a laptop
    retrying while the first is still working) waits, then finds it complete and gives its answer.
    A unique key refusing a row another device's batch committed first makes it start over once.
    """
    for attempt in (1, 2):
        try:
            with hq.db.transaction():
                return _complete(hq, device, batch_id)
        except _Corrupt:
            _restart(hq, batch_id)  # note: after the transaction, so the restart is kept
            raise UserError(
                "The uploaded bytes do not match the declared SHA-256; send again.", code="upload.corrupt"
            ) from None
        except Exception as exc:
            if attempt == 2 or not hq.db.is_unique_violation(exc):
                raise
    raise AssertionError("unreachable")


def _complete(hq: HqStore, device: str, batch_id: str) -> dict[str, Any]:
    row = _own(hq, device, batch_id, lock=True)
    if row[5] == "complete":
        return dict(json.loads(row[6]))
    if int(row[4]) != int(row[1]):
        raise UserError(f"The upload holds {row[4]} of {row[1]} bytes.", code="upload.incomplete")
    data = b"".join(
        bytes(r[0])
        for r in hq.db.execute(
            "SELECT data FROM upload_chunks WHERE batch_id = ? ORDER BY chunk_offset", (batch_id,)
        ).fetchall()
    )
    if hashlib.sha256(data).hexdigest() != row[2]:
        raise _Corrupt()
    opened = open_batch(data, hq_private_key=key_for_batch(hq, data), device_keys=hq.approved_keys())
    if opened.device_key_id != device or opened.batch_id != batch_id:
        raise UserError("The batch was sealed by another device or for another id.", code="upload.mismatch")
    manifest = opened.manifest if opened.manifest is not None else parse_body(opened.body)[0]
    if _canonical_entries(manifest) != _canonical_entries(json.loads(row[3])):
        raise UserError("The batch's manifest differs from the declared one.", code="upload.mismatch")
    report = intake(hq, opened)
    answer = report.as_answer()
    with hq.db.transaction():
        hq.db.execute(
            "UPDATE uploads SET status = 'complete', report = ?, completed_at = ? WHERE batch_id = ?",
            (json.dumps(answer), utc_now(), batch_id),
        )
        hq.db.execute("DELETE FROM upload_chunks WHERE batch_id = ?", (batch_id,))
    return answer
