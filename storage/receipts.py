"""Receipts: the signed payload given to the retiree. Signing happens in ``fieldkit``; the store
only keeps the bytes and counts reprints (a reprint is marked "copy" on paper).
"""

from __future__ import annotations

from storage.connection import IntegrityError
from storage.enrollments import person_id
from storage.errors import Conflict, NotFound
from storage.records import Receipt, utc_now
from storage.session import Session

_COLUMNS = "r.number, r.kind, r.record_uuid, p.uuid, r.payload, r.signature, r.copies, r.issued_at, r.uuid"


class ReceiptRepository:
    """Reads and writes of ``receipts``."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, receipt: Receipt) -> Receipt:
        """Store a newly issued receipt; numbers are unique."""
        self._s.require_writer()
        pid = person_id(self._s, receipt.person_uuid)
        receipt.issued_at = receipt.issued_at or utc_now()
        try:
            self._s.db.execute(
                "INSERT INTO receipts (uuid, number, kind, record_uuid, person_id, payload, signature, "
                "copies, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    receipt.uuid,
                    receipt.number,
                    receipt.kind,
                    receipt.record_uuid,
                    pid,
                    receipt.payload,
                    receipt.signature,
                    receipt.copies,
                    receipt.issued_at,
                ),
            )
        except IntegrityError:
            raise Conflict(f"Receipt number {receipt.number} is already used.") from None
        self._s.record("receipt.issue", "receipt", receipt.uuid, {"kind": receipt.kind}, travels=True)
        return receipt

    def get_by_number(self, number: str) -> Receipt:
        """A receipt by its printed number."""
        row = self._s.db.execute(
            f"SELECT {_COLUMNS} FROM receipts r JOIN people p ON p.id = r.person_id WHERE r.number = ?",
            (number,),
        ).fetchone()
        if row is None:
            raise NotFound("No receipt with that number.")
        return Receipt(*row)

    def count_copy(self, number: str) -> Receipt:
        """Record a reprint; returns the receipt with its new copy count."""
        self._s.require_writer()
        receipt = self.get_by_number(number)
        self._s.db.execute("UPDATE receipts SET copies = copies + 1 WHERE uuid = ?", (receipt.uuid,))
        self._s.record("receipt.reprint", "receipt", receipt.uuid)
        receipt.copies += 1
        return receipt

    def get(self, uuid: str) -> Receipt:
        """One receipt by UUID (NotFound if absent)."""
        row = self._s.db.execute(
            f"SELECT {_COLUMNS} FROM receipts r JOIN people p ON p.id = r.person_id WHERE r.uuid = ?", (uuid,)
        ).fetchone()
        if row is None:
            raise NotFound("No such receipt.")
        return Receipt(*row)

    def recent(self, *, limit: int = 50) -> list[Receipt]:
        """The newest receipts issued here, newest first (the order they were stored in)."""
        rows = self._s.db.execute(
            f"SELECT {_COLUMNS} FROM receipts r JOIN people p ON p.id = r.person_id "
            "ORDER BY r.id DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [Receipt(*row) for row in rows]

    def for_person(self, person_uuid: str) -> list[Receipt]:
        """A person's receipts, newest first."""
        rows = self._s.db.execute(
            f"SELECT {_COLUMNS} FROM receipts r JOIN people p ON p.id = r.person_id WHERE p.uuid = ? "
            "ORDER BY r.id DESC",
            (person_uuid,),
        ).fetchall()
        return [Receipt(*row) for row in rows]

    def count_numbered(self, stem: str) -> int:
        """How many receipt numbers start with ``stem`` (receipts are never deleted, so count + 1 is
        the next free number of that stem)."""
        row = self._s.db.execute(
            "SELECT count(*) FROM receipts WHERE substr(number, 1, ?) = ?", (len(stem), stem)
        ).fetchone()
        return int(row[0])

    def first_printed_at(self, number: str) -> str | None:
        """When the original was printed (None: not yet, so the next print is the original)."""
        row = self._s.db.execute(
            "SELECT first_printed_at FROM receipts WHERE number = ?", (number,)
        ).fetchone()
        if row is None:
            raise NotFound("No receipt with that number.")
        return None if row[0] is None else str(row[0])

    def mark_printed(self, number: str) -> str:
        """Record that the original was printed (once; later prints are copies, see ``count_copy``)."""
        self._s.require_writer()
        receipt = self.get_by_number(number)
        at = utc_now()
        self._s.db.execute(
            "UPDATE receipts SET first_printed_at = ? WHERE uuid = ? AND first_printed_at IS NULL",
            (at, receipt.uuid),
        )
        self._s.record("receipt.print", "receipt", receipt.uuid)
        return self.first_printed_at(number) or at
