"""The reconciliation report: per device, what was expected, what arrived, and what needs people.

Why per device: a team lead answers for a laptop; "expected" is the device's highest outbox sequence
number headquarters has seen (every number below it should have arrived), so a gap means a record
that was made in the field and never reached headquarters.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldkit.hq.intake import missing_count, missing_sequences
from fieldkit.hq.store import HqStore


@dataclass
class DeviceReconciliation:
    """One device's line in the report."""

    key_id: str
    name: str
    status: str
    batches: int
    expected: int  # highest outbox sequence seen
    received: int  # distinct sequence numbers held
    missing: list[tuple[int, int]] = field(default_factory=list)  # gaps as (first, last), the first 1000
    missing_count: int = 0
    review_counts: dict[str, int] = field(default_factory=dict)  # "duplicate/open" → n
    decisions_sent: int = 0


def reconciliation(hq: HqStore) -> list[DeviceReconciliation]:
    """A line for every registered device."""
    lines = []
    for key_id, name, status, _ in hq.devices():
        db = hq.db
        batches = int(db.scalar("SELECT count(*) FROM batches WHERE device_key_id = ?", (key_id,)) or 0)
        expected = int(db.scalar("SELECT max(sequence) FROM records WHERE device_key_id = ?", (key_id,)) or 0)
        received = int(
            db.scalar("SELECT count(DISTINCT sequence) FROM records WHERE device_key_id = ?", (key_id,)) or 0
        )
        reviews = db.execute(
            "SELECT kind, status, count(*) FROM reviews WHERE device_key_id = ? GROUP BY kind, status",
            (key_id,),
        ).fetchall()
        decisions = int(db.scalar("SELECT count(*) FROM decisions WHERE device_key_id = ?", (key_id,)) or 0)
        lines.append(
            DeviceReconciliation(
                key_id=key_id,
                name=name,
                status=status,
                batches=batches,
                expected=expected,
                received=received,
                missing=missing_sequences(hq, key_id),
                missing_count=missing_count(hq, key_id),
                review_counts={f"{kind}/{state}": int(n) for kind, state, n in reviews},
                decisions_sent=decisions,
            )
        )
    return lines
