"""Certifications: one proof-of-life check per person and cycle (retries are new records)."""

from __future__ import annotations

import json
from typing import Any

from storage.enrollments import person_id
from storage.errors import NotFound
from storage.records import Certification, utc_now
from storage.session import Session

_COLUMNS = (
    "p.uuid, c.cycle, c.method, c.result, c.operator_uuid, c.device, c.place, c.scores, c.evidence, "
    "c.certified_at, c.uuid"
)


def _row_to_certification(row: Any) -> Certification:
    """A Certification from a row in ``_COLUMNS`` order (scores and evidence are JSON text)."""
    return Certification(
        person_uuid=row[0],
        cycle=row[1],
        method=row[2],
        result=row[3],
        operator_uuid=row[4],
        device=row[5],
        place=row[6],
        scores=json.loads(row[7]),
        evidence=json.loads(row[8]),
        certified_at=row[9],
        uuid=row[10],
    )


class CertificationRepository:
    """Reads and writes of ``certifications``."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, cert: Certification, *, travels: bool = True) -> Certification:
        """Store a certification with its scores and evidence.

        ``travels=False`` for certifications received from headquarters (a work package's "last
        certification" of a person): they came from there and must not be sent back.
        """
        self._s.require_writer()
        pid = person_id(self._s, cert.person_uuid)
        cert.certified_at = cert.certified_at or utc_now()
        self._s.db.execute(
            "INSERT INTO certifications (uuid, person_id, cycle, method, result, scores, evidence, "
            "operator_uuid, device, place, certified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                cert.uuid,
                pid,
                cert.cycle,
                cert.method,
                cert.result,
                json.dumps(cert.scores),
                json.dumps(cert.evidence, ensure_ascii=False),
                cert.operator_uuid,
                cert.device,
                cert.place,
                cert.certified_at,
            ),
        )
        self._s.record(
            "certification.add",
            "certification",
            cert.uuid,
            {"cycle": cert.cycle, "result": cert.result, "method": cert.method},
            travels=travels,
        )
        return cert

    def for_person(self, person_uuid: str, *, cycle: int | None = None) -> list[Certification]:
        """A person's certifications (optionally of one cycle), newest first."""
        sql = f"SELECT {_COLUMNS} FROM certifications c JOIN people p ON p.id = c.person_id WHERE p.uuid = ?"
        args: list[object] = [person_uuid]
        if cycle is not None:
            sql += " AND c.cycle = ?"
            args.append(cycle)
        rows = self._s.db.execute(sql + " ORDER BY c.certified_at DESC", args).fetchall()
        return [_row_to_certification(r) for r in rows]

    def made_between(self, start: str, end: str) -> list[tuple[str, str, str]]:
        """(method, result, certified_at) of certifications made in ``[start, end)`` (UTC text bounds)."""
        rows = self._s.db.execute(
            "SELECT method, result, certified_at FROM certifications "
            "WHERE certified_at >= ? AND certified_at < ?",
            (start, end),
        ).fetchall()
        return [(str(method), str(result), str(at)) for method, result, at in rows]

    def people_accepted(self, cycle: int) -> set[str]:
        """UUIDs of the people with an accepted certification in ``cycle`` (the cycle's done list)."""
        rows = self._s.db.execute(
            "SELECT DISTINCT p.uuid FROM certifications c JOIN people p ON p.id = c.person_id "
            "WHERE c.cycle = ? AND c.result = 'accept'",
            (cycle,),
        ).fetchall()
        return {str(row[0]) for row in rows}

    def get(self, uuid: str) -> Certification:
        """One certification by UUID (NotFound if absent)."""
        row = self._s.db.execute(
            f"SELECT {_COLUMNS} FROM certifications c JOIN people p ON p.id = c.person_id WHERE c.uuid = ?",
            (uuid,),
        ).fetchone()
        if row is None:
            raise NotFound("No such certification.")
        return _row_to_certification(row)
