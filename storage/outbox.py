"""The outbox: what still has to reach headquarters, in the order it was written.

Entries are added by ``Session.record`` in the same transaction as the record itself, so a record
can never exist without being queued (or be queued without existing).
"""

from __future__ import annotations

from storage.records import OutboxEntry, utc_now
from storage.session import Session


class OutboxRepository:
    """Reads of the queue and marking entries sent."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def pending(self, *, limit: int = 1000) -> list[OutboxEntry]:
        """Unsent entries, oldest first."""
        rows = self._s.db.execute(
            "SELECT seq, record_type, record_uuid, created_at, sent_at, uuid FROM outbox "
            "WHERE sent_at IS NULL ORDER BY seq LIMIT ?",
            (limit,),
        ).fetchall()
        return [OutboxEntry(*row) for row in rows]

    def pending_count(self) -> int:
        """How many records are still unsent."""
        return int(self._s.db.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL").fetchone()[0])

    def mark_sent(self, seqs: list[int]) -> None:
        """Headquarters confirmed these entries."""
        self._s.require_writer()
        now = utc_now()
        self._s.db.executemany("UPDATE outbox SET sent_at = ? WHERE seq = ?", [(now, s) for s in seqs])
        self._s.record("outbox.sent", "outbox", None, {"count": len(seqs)})
