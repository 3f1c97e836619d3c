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

    def pending_about_person(self, person_uuid: str) -> int:
        """Unsent entries about one person: their record, and every enrollment, certification, case
        and receipt naming them (with attachments to any of these). A laptop keeps such a person
        even when headquarters withdraws them, until this work has reached headquarters."""
        mine = (
            "SELECT ? "
            "UNION SELECT e.uuid FROM enrollments e JOIN people p ON p.id = e.person_id WHERE p.uuid = ? "
            "UNION SELECT c.uuid FROM certifications c JOIN people p ON p.id = c.person_id WHERE p.uuid = ? "
            "UNION SELECT k.uuid FROM cases k JOIN people p ON p.id = k.person_id WHERE p.uuid = ? "
            "UNION SELECT r.uuid FROM receipts r JOIN people p ON p.id = r.person_id WHERE p.uuid = ?"
        )
        row = self._s.db.execute(
            f"WITH mine(uuid) AS ({mine}) SELECT count(*) FROM outbox WHERE sent_at IS NULL AND "
            "(record_uuid IN (SELECT uuid FROM mine) OR record_uuid IN (SELECT a.uuid FROM attachments a "
            "WHERE a.record_uuid IN (SELECT uuid FROM mine)))",
            (person_uuid,) * 5,
        ).fetchone()
        return int(row[0])

    def pending_count(self) -> int:
        """How many records are still unsent."""
        return int(self._s.db.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL").fetchone()[0])

    def versions(self, entries: list[OutboxEntry]) -> dict[int, int]:
        """Outbox seq → version of its record (1 for the first time a record is queued, 2 for its
        first change, ...). Headquarters keeps every version; a changed record is a new version,
        not a conflicting copy."""
        found: dict[int, int] = {}
        for entry in entries:
            row = self._s.db.execute(
                "SELECT count(*) FROM outbox WHERE record_uuid = ? AND seq <= ?",
                (entry.record_uuid, entry.seq),
            ).fetchone()
            found[entry.seq] = int(row[0])
        return found

    def last_sent_at(self) -> str | None:
        """When headquarters last acknowledged something (for the "days without sync" warning)."""
        row = self._s.db.execute("SELECT max(sent_at) FROM outbox").fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def acknowledged_before(self, record_type: str, cutoff: str) -> list[str]:
        """UUIDs of records of a type whose every queued version headquarters acknowledged before
        ``cutoff`` (ISO time): what a retention policy may purge."""
        rows = self._s.db.execute(
            "SELECT record_uuid FROM outbox WHERE record_type = ? GROUP BY record_uuid "
            "HAVING count(*) = count(sent_at) AND max(sent_at) < ?",
            (record_type, cutoff),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def signed_acknowledged_before(self, record_type: str, cutoff: str) -> list[str]:
        """Like :meth:`acknowledged_before`, but every version must carry the record hash that
        headquarters named in a signed answer (:meth:`mark_acknowledged`): what retention may purge.
        Entries marked sent any other way (older fieldkit, unsigned answers) never qualify."""
        rows = self._s.db.execute(
            "SELECT record_uuid FROM outbox WHERE record_type = ? GROUP BY record_uuid "
            "HAVING count(*) = count(acked_sha256) AND max(sent_at) < ?",
            (record_type, cutoff),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def mark_acknowledged(self, hashes: dict[int, str]) -> None:
        """Headquarters confirmed these entries (seq → the record's SHA-256 it says it holds)."""
        self._s.require_writer()
        now = utc_now()
        self._s.db.executemany(
            "UPDATE outbox SET sent_at = ?, acked_sha256 = ? WHERE seq = ?",
            [(now, digest, seq) for seq, digest in hashes.items()],
        )
        self._s.record("outbox.sent", "outbox", None, {"count": len(hashes), "signed": True})

    def mark_sent(self, seqs: list[int]) -> None:
        """Headquarters confirmed these entries."""
        self._s.require_writer()
        now = utc_now()
        self._s.db.executemany("UPDATE outbox SET sent_at = ? WHERE seq = ?", [(now, s) for s in seqs])
        self._s.record("outbox.sent", "outbox", None, {"count": len(seqs)})
