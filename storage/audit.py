"""The tamper-evident audit trail: every write appends an event whose hash chains to the previous one.

Why a hash chain: a supervisor (or headquarters, later) must be able to tell whether anyone edited,
deleted or shuffled the history of a laptop. Each event's hash covers its content and the previous
event's hash, so any change breaks the chain at a nameable place. The chain head (count and last
hash) is also kept in ``meta`` so that deleting the newest events is caught too. Someone holding the
passphrase could still rewrite the whole chain consistently; that is caught only against the heads
headquarters has already received (sync), which is why the head travels.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from storage.connection import Connection
from storage.records import AuditEvent, new_uuid, utc_now

GENESIS = "0" * 64
HEAD_KEY = "audit_head"
_COLUMNS = "seq, uuid, at, actor, action, record_type, record_uuid, details, prev_hash, hash"


def canonical_json(value: Any) -> str:
    """One stable text form (sorted keys, no spaces) so hashes do not depend on dict order."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(
    *,
    uuid: str,
    at: str,
    actor: str,
    action: str,
    record_type: str,
    record_uuid: str | None,
    details: str,
    prev_hash: str,
) -> str:
    """SHA-256 over an event's content and its predecessor's hash (its position in the chain)."""
    body = canonical_json([uuid, at, actor, action, record_type, record_uuid, details, prev_hash]).encode(
        "utf-8"
    )
    return hashlib.sha256(body).hexdigest()


def _row_to_event(row: tuple[Any, ...]) -> AuditEvent:
    seq, uuid, at, actor, action, record_type, record_uuid, details, prev_hash, hash_ = row
    return AuditEvent(
        seq=seq,
        uuid=uuid,
        at=at,
        actor=actor,
        action=action,
        record_type=record_type,
        record_uuid=record_uuid,
        details=json.loads(details),
        prev_hash=prev_hash,
        hash=hash_,
    )


def read_head(db: Connection) -> tuple[int, str]:
    """(number of events written, hash of the newest) as recorded beside the trail."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", (HEAD_KEY,)).fetchone()
    if row is None:
        return 0, GENESIS
    count, last = str(row[0]).split(":", 1)
    return int(count), last


def append_event(
    db: Connection,
    *,
    actor: str,
    action: str,
    record_type: str,
    record_uuid: str | None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event; the caller is inside a transaction, so the event lands with the record."""
    count, prev_hash = read_head(db)
    uuid, at, details_text = new_uuid(), utc_now(), canonical_json(details or {})
    digest = event_hash(
        uuid=uuid,
        at=at,
        actor=actor,
        action=action,
        record_type=record_type,
        record_uuid=record_uuid,
        details=details_text,
        prev_hash=prev_hash,
    )
    cursor = db.execute(
        "INSERT INTO audit_events (uuid, at, actor, action, record_type, record_uuid, details, "
        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (uuid, at, actor, action, record_type, record_uuid, details_text, prev_hash, digest),
    )
    db.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (HEAD_KEY, f"{count + 1}:{digest}"),
    )
    return AuditEvent(
        seq=int(cursor.lastrowid or 0),
        uuid=uuid,
        at=at,
        actor=actor,
        action=action,
        record_type=record_type,
        record_uuid=record_uuid,
        details=details or {},
        prev_hash=prev_hash,
        hash=digest,
    )


@dataclass
class AuditReport:
    """What ``verify`` found: ``problems`` name the events, an empty list means the chain holds."""

    checked: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _describe(event: tuple[Any, ...]) -> str:
    return f"event #{event[0]} ({event[4]} at {event[2]})"


def verify(db: Connection) -> AuditReport:
    """Walk the chain in order and name every event that was modified, deleted or re-ordered."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM audit_events ORDER BY seq").fetchall()
    report = AuditReport(checked=len(rows))
    position_of = {row[9]: index for index, row in enumerate(rows)}
    expected_prev, previous_seq = GENESIS, 0
    for index, row in enumerate(rows):
        seq, uuid, at, actor, action, record_type, record_uuid, details, prev_hash, stored = row
        recomputed = event_hash(
            uuid=uuid,
            at=at,
            actor=actor,
            action=action,
            record_type=record_type,
            record_uuid=record_uuid,
            details=details,
            prev_hash=prev_hash,
        )
        if recomputed != stored:
            report.problems.append(f"{_describe(row)} was modified: its content does not match its hash")
        if prev_hash != expected_prev:
            if prev_hash in position_of and position_of[prev_hash] != index - 1:
                before = rows[position_of[prev_hash]]
                report.problems.append(
                    f"{_describe(row)} is out of order: it was written right after event #{before[0]}"
                )
            elif seq != previous_seq + 1:
                report.problems.append(
                    f"events #{previous_seq + 1}..#{seq - 1} before {_describe(row)} were deleted"
                )
            elif recomputed == stored:
                report.problems.append(
                    f"{_describe(row)} does not follow event #{previous_seq}: an event before it was "
                    "deleted or replaced"
                )
        expected_prev, previous_seq = stored, seq
    count, head = read_head(db)
    if count != len(rows) or head != expected_prev:
        if count > len(rows):
            report.problems.append(
                f"{count - len(rows)} event(s) were deleted: {count} were written, {len(rows)} remain"
            )
        elif not report.problems:
            report.problems.append("the recorded head of the trail does not match its last event")
    return report


def iter_events(db: Connection, *, since_seq: int = 0) -> Iterator[AuditEvent]:
    """Events in order, for display and (later) for sync."""
    for row in db.execute(f"SELECT {_COLUMNS} FROM audit_events WHERE seq > ? ORDER BY seq", (since_seq,)):
        yield _row_to_event(row)
