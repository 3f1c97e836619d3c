"""Cases: exceptions a person must decide (no card, ID mismatch, capture failure, duplicate, ...).

Each case gets a short reference a clerk can read over the phone to headquarters:
``<store prefix>-<year>-<number>``, unique across laptops because the prefix comes from the store's
own random id.
"""

from __future__ import annotations

import json
from typing import Any

from storage.enrollments import person_id
from storage.errors import Conflict, NotFound
from storage.records import CASE_STATUSES, Case, utc_now
from storage.session import Session

_COLUMNS = (
    "c.kind, p.uuid, c.opened_by, c.details, c.status, c.reference, c.opened_at, c.decided_by, "
    "c.decided_at, c.decision_note, c.uuid"
)
_FROM = "FROM cases c LEFT JOIN people p ON p.id = c.person_id"


def _row_to_case(row: Any) -> Case:
    values = list(row)
    values[3] = json.loads(values[3])
    return Case(*values)


class CaseRepository:
    """Reads and writes of ``cases``."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def _next_reference(self, year: str) -> str:
        row = self._s.db.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
        prefix = str(row[0]).replace("-", "")[:6].upper() if row else "LOCAL"
        stem = f"{prefix}-{year}-"
        count = self._s.db.execute(
            "SELECT count(*) FROM cases WHERE reference LIKE ?", (stem + "%",)
        ).fetchone()[0]
        return f"{stem}{int(count) + 1:05d}"

    def open(self, case: Case) -> Case:
        """Store a new open case and give it its reference."""
        self._s.require_writer()
        pid = person_id(self._s, case.person_uuid) if case.person_uuid else None
        case.opened_at = utc_now()
        case.status = "open"
        case.reference = self._next_reference(case.opened_at[:4])
        self._s.db.execute(
            "INSERT INTO cases (uuid, reference, kind, person_id, status, opened_by, opened_at, details) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                case.uuid,
                case.reference,
                case.kind,
                pid,
                case.status,
                case.opened_by,
                case.opened_at,
                json.dumps(case.details, ensure_ascii=False),
            ),
        )
        self._s.record("case.open", "case", case.uuid, {"kind": case.kind}, travels=True)
        return case

    def get(self, uuid: str) -> Case:
        """One case by UUID."""
        row = self._s.db.execute(f"SELECT {_COLUMNS} {_FROM} WHERE c.uuid = ?", (uuid,)).fetchone()
        if row is None:
            raise NotFound("No such case.")
        return _row_to_case(row)

    def list(self, *, status: str | None = None) -> list[Case]:
        """Cases, oldest first, optionally of one status."""
        if status is None:
            rows = self._s.db.execute(f"SELECT {_COLUMNS} {_FROM} ORDER BY c.id").fetchall()
        else:
            rows = self._s.db.execute(
                f"SELECT {_COLUMNS} {_FROM} WHERE c.status = ? ORDER BY c.id", (status,)
            ).fetchall()
        return [_row_to_case(r) for r in rows]

    def decide(self, uuid: str, *, status: str, decided_by: str, note: str) -> Case:
        """Approve or reject an open case (who may do so is the application's rule)."""
        self._s.require_writer()
        if status not in CASE_STATUSES or status == "open":
            raise Conflict(f"A decision must be approved or rejected, not {status!r}.")
        case = self.get(uuid)
        if case.status != "open":
            raise Conflict(f"Case {case.reference} was already {case.status}.")
        now = utc_now()
        self._s.db.execute(
            "UPDATE cases SET status = ?, decided_by = ?, decided_at = ?, decision_note = ? WHERE uuid = ?",
            (status, decided_by, now, note, uuid),
        )
        self._s.record("case.decide", "case", uuid, {"status": status}, travels=True)
        return self.get(uuid)
