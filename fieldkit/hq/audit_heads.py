"""Each laptop's audit-chain head, kept by headquarters batch by batch, and a rewritten chain caught.

Why (``storage/audit.py``): a laptop's audit trail is a hash chain, so editing one event breaks it —
unless someone holding the store passphrase rewrites the whole chain consistently. That is caught
only against what headquarters already holds. Every batch carries the chain head (events written,
newest hash) and, from laptops of this version, ``audit_checkpoints``: the hash after selected event
counts (:mod:`fieldkit.wire.audit_points`). Headquarters
stores all of them per device; a later batch whose hash after the same number of events differs is
a chain that does not extend the one headquarters saw: a rewritten history, or a laptop restored
from an old copy that then went its own way. Either is reported in the batch answer and queued for review.
"""

from __future__ import annotations

import re
from typing import Any

from fieldkit.hq.reviews import open_review
from fieldkit.hq.store import HqStore

_HASH = re.compile(r"^[0-9a-f]{64}$")
_MAX_EVENTS = 2**53
_MAX_CHECKPOINTS = 100_000


def _points(manifest: dict[str, Any]) -> dict[int, str] | None:
    """Event count → chain hash claimed by a batch (None if it carries no readable head)."""
    head = manifest.get("audit_head")
    if not isinstance(head, dict):
        return None
    events, digest = head.get("events"), head.get("hash")
    if type(events) is not int or not 0 <= events <= _MAX_EVENTS or not isinstance(digest, str):
        return None
    if not _HASH.match(digest):
        return None
    points = {events: digest}
    extra = manifest.get("audit_checkpoints")
    if isinstance(extra, dict) and len(extra) <= _MAX_CHECKPOINTS:
        for key, value in extra.items():
            if (
                isinstance(key, str)
                and key.isascii()
                and key.isdigit()
                and len(key) <= 16
                and isinstance(value, str)
            ):
                if int(key) <= events and _HASH.match(value):
                    points[int(key)] = value
    return points


def check_audit_head(
    hq: HqStore, device: str, batch_id: str, manifest: dict[str, Any], now: str, *, repeated: bool = False
) -> str | None:
    """Store a batch's chain points; what is wrong with them compared with earlier batches (or None).

    One row per device and event count (the first batch that showed it), so the table grows with a
    device's history, not with the number of batches.
    """
    points = _points(manifest)
    if points is None or repeated:  # note: a batch seen before was checked then
        return None
    db = hq.db
    problem = None
    positions = sorted(points)
    for start in range(0, len(positions), 500):
        chunk = positions[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        query = (
            f"SELECT events, hash, batch_id FROM audit_points WHERE device_key_id = ? AND events IN ({marks})"
        )
        rows = db.execute(query, (device, *chunk)).fetchall()
        for events, digest, earlier in rows:
            if points[int(events)] != digest:
                held, sent = str(digest)[:12], points[int(events)][:12]
                problem = (
                    f"the audit chain does not extend the one headquarters holds: after {int(events)} "
                    f"events batch {str(earlier)[:8]} had {held}…, this batch {sent}… "
                    "(history rewritten, or the laptop restored from an old copy)"
                )
                break
        if problem:
            break
    db.executemany(
        "INSERT INTO audit_points (device_key_id, batch_id, events, hash, received_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_key_id, events) DO NOTHING",
        [(device, batch_id, events, digest, now) for events, digest in points.items()],
    )
    if problem:
        open_review(
            hq,
            kind="audit_chain",
            record_uuid=batch_id,
            record_type="batch",
            device_key_id=device,
            summary="a device's audit history was rewritten or restored from an old copy",
            details={"problem": problem, "batch_id": batch_id},
        )
    return problem
