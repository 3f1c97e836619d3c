"""Review items (what people at headquarters must decide) and the decisions that flow back to laptops.

Why decisions are messages with a sequence number: a laptop may be offline for days; when it syncs
it asks for "every decision for my device after number N" and applies them in order, so nothing is
missed and nothing is applied twice (the laptop keeps N in its store). Deciding a review item and
queueing its message happen in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fieldkit.errors import UserError
from fieldkit.hq.store import HqStore
from storage.records import utc_now

KINDS = ("duplicate", "roster", "case", "conflict")


@dataclass(frozen=True)
class Review:
    """One review item."""

    id: int
    kind: str
    record_uuid: str
    record_type: str
    device_key_id: str
    summary: str
    details: dict[str, Any]
    status: str
    created_at: str
    decided_by: str | None
    decided_at: str | None
    note: str | None


_COLUMNS = (
    "id, kind, record_uuid, record_type, device_key_id, summary, details, status, created_at, decided_by, "
    "decided_at, note"
)


def _review(row: Any) -> Review:
    values = list(row)
    values[6] = json.loads(values[6])
    return Review(*values)


def open_review(
    hq: HqStore,
    *,
    kind: str,
    record_uuid: str,
    record_type: str,
    device_key_id: str,
    summary: str,
    details: dict[str, Any],
) -> None:
    """Queue an item, unless the same kind of item for the same record is already open."""
    if hq.db.scalar(
        "SELECT 1 FROM reviews WHERE kind = ? AND record_uuid = ? AND status = 'open'", (kind, record_uuid)
    ):
        return
    hq.db.execute(
        "INSERT INTO reviews (kind, record_uuid, record_type, device_key_id, summary, details, status, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?)",
        (
            kind,
            record_uuid,
            record_type,
            device_key_id,
            summary,
            json.dumps(details, sort_keys=True),
            utc_now(),
        ),
    )


def list_reviews(hq: HqStore, *, status: str | None = "open") -> list[Review]:
    """Review items, oldest first (all of them when ``status`` is None)."""
    if status is None:
        rows = hq.db.execute(f"SELECT {_COLUMNS} FROM reviews ORDER BY id").fetchall()
    else:
        rows = hq.db.execute(
            f"SELECT {_COLUMNS} FROM reviews WHERE status = ? ORDER BY id", (status,)
        ).fetchall()
    return [_review(r) for r in rows]


def get_review(hq: HqStore, review_id: int) -> Review:
    row = hq.db.execute(f"SELECT {_COLUMNS} FROM reviews WHERE id = ?", (review_id,)).fetchone()
    if row is None:
        raise UserError(f"No review item {review_id}.", code="hq.no_review")
    return _review(row)


def queue_decision(
    hq: HqStore, *, device_key_id: str, kind: str, subject_uuid: str, payload: dict[str, Any]
) -> None:
    """A message for one laptop, picked up at its next sync.

    Decision numbers must commit in order (a laptop asks "after N"; a number N-1 committed later
    would never reach it), so writers of decisions take turns until their commit."""
    with hq.db.transaction():
        hq.db.serialize("fieldkit.decisions")
        hq.db.execute(
            "INSERT INTO decisions (device_key_id, kind, subject_uuid, payload, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                device_key_id,
                kind,
                subject_uuid,
                json.dumps(payload, sort_keys=True, ensure_ascii=False),
                utc_now(),
            ),
        )


def decide_review(hq: HqStore, review_id: int, *, approve: bool, note: str, decided_by: str) -> Review:
    """Approve or reject an open item and tell the laptop that sent the record."""
    if not note.strip():
        raise UserError("A decision needs a note saying why.", code="hq.note_required")
    with hq.db.transaction():
        review = get_review(hq, review_id)
        if review.status != "open":
            raise UserError(
                f"Review item {review_id} was already {review.status}.", code="hq.already_decided"
            )
        status = "approved" if approve else "rejected"
        now = utc_now()
        # note: "still open" is checked again by the update itself: two people deciding the same
        # item at once through two connections decide it once
        if (
            hq.db.execute(
                "UPDATE reviews SET status = ?, decided_by = ?, decided_at = ?, note = ? "
                "WHERE id = ? AND status = 'open'",
                (status, decided_by, now, note, review_id),
            ).rowcount
            != 1
        ):
            raise UserError(f"Review item {review_id} was already decided.", code="hq.already_decided")
        queue_decision(
            hq,
            device_key_id=review.device_key_id,
            kind="review_decided",
            subject_uuid=review.record_uuid,
            payload={
                "review_id": review_id,
                "review_kind": review.kind,
                "record_type": review.record_type,
                "outcome": status,
                "note": note,
                "decided_by": decided_by,
                "decided_at": now,
                "summary": review.summary,
            },
        )
    return get_review(hq, review_id)


def correct_id_number(
    hq: HqStore, person_uuid: str, new_id_number: str, *, note: str, decided_by: str
) -> int:
    """Send an ID-number correction to every laptop that sent this person; returns how many."""
    devices = [
        str(r[0])
        for r in hq.db.execute(
            "SELECT DISTINCT device_key_id FROM records WHERE record_uuid = ? AND record_type = 'person'",
            (person_uuid,),
        ).fetchall()
    ]
    if not devices:
        raise UserError("No laptop has sent a person with this UUID.", code="hq.no_person")
    with hq.db.transaction():
        for device in devices:
            queue_decision(
                hq,
                device_key_id=device,
                kind="id_correction",
                subject_uuid=person_uuid,
                payload={"id_number": new_id_number, "note": note, "decided_by": decided_by},
            )
    return len(devices)


def decisions_for(hq: HqStore, device_key_id: str, *, since: int, limit: int = 1000) -> list[dict[str, Any]]:
    """Messages for a device after sequence number ``since``, in order."""
    rows = hq.db.execute(
        "SELECT seq, kind, subject_uuid, payload, created_at FROM decisions "
        "WHERE device_key_id = ? AND seq > ? ORDER BY seq LIMIT ?",
        (device_key_id, since, limit),
    ).fetchall()
    return [
        {
            "seq": int(seq),
            "kind": kind,
            "subject_uuid": subject,
            "payload": json.loads(payload),
            "created_at": at,
        }
        for seq, kind, subject, payload, at in rows
    ]
