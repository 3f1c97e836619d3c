"""What headquarters holds, named by hash, in its answer to an upload.

Why: a laptop deletes palm images only after headquarters has acknowledged the very record content
it sent (issue: a middlebox said "accepted" and the laptop later deleted images HQ never had). So
the answer to a completed upload lists, for every record it calls acknowledged, the versions HQ
holds with their SHA-256 (``held``: record UUID → version → hash), read from HQ's own records table
rather than echoed from the laptop's manifest. The answer is then signed like every other
(:mod:`fieldkit.hq.answer_signing`), and the laptop keeps the hashes it matched.
"""

from __future__ import annotations

from typing import Any

from fieldkit.hq.store import HqStore

ACKNOWLEDGED = ("accepted", "already_had", "needs_review")
_CHUNK = 500  # note: SQLite allows 999 parameters per statement in older builds


def with_held_hashes(hq: HqStore, answer: dict[str, Any]) -> dict[str, Any]:
    """``answer`` plus ``held`` for each record whose status is an acknowledgement."""
    statuses = answer.get("statuses") or {}
    wanted = [str(uuid) for uuid, status in statuses.items() if status in ACKNOWLEDGED]
    held: dict[str, dict[str, str]] = {}
    for start in range(0, len(wanted), _CHUNK):
        part = wanted[start : start + _CHUNK]
        marks = ", ".join("?" for _ in part)
        rows = hq.db.execute(
            f"SELECT record_uuid, version, sha256 FROM records WHERE record_uuid IN ({marks})", tuple(part)
        ).fetchall()
        for uuid, version, sha256 in rows:
            held.setdefault(str(uuid), {})[str(int(version))] = str(sha256)
    return {**answer, "held": held}
