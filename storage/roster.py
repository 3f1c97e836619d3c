"""The roster: who headquarters expects, per region and certification cycle, and the imports that
brought them.

Why one call for a whole file: 110,000 rows must land in seconds and all-or-nothing, so the import
is one transaction with bulk statements and a single audit event naming the import batch. Importing
the same content again writes nothing at all (not even an audit event): "re-importing changes
nothing" is meant literally.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from storage.people import (
    CONTENT_FIELDS,
    INSERT_PERSON,
    PERSON_FIELDS,
    PeopleRepository,
    person_to_row,
    row_to_person,
)
from storage.records import Person, RosterEntry, RosterImport, new_uuid, utc_now
from storage.session import Session


@dataclass
class ImportOutcome:
    """What an import changed. ``batch`` is None when nothing changed and nothing was written."""

    added: int
    updated: int
    unchanged: int
    new_entries: int
    batch: RosterImport | None


class RosterRepository:
    """Reads and writes of ``roster_entries`` and ``roster_imports``."""

    def __init__(self, session: Session, people: PeopleRepository) -> None:
        self._s = session
        self._people = people

    def apply_import(
        self,
        people: Sequence[Person],
        *,
        present_fields: Collection[str],
        cycle: int,
        region: str,
        file_sha256: str,
        rejected: int,
    ) -> ImportOutcome:
        """Add new people, update changed ones (only ``present_fields``), and list all in the roster.

        ``people`` must have distinct, already validated ID numbers. The caller holds the transaction;
        if nothing would change, everything done here is rolled back to a savepoint, so a re-import
        leaves no trace (not even an audit event).
        """
        actor = self._s.require_writer()
        db = self._s.db
        now = utc_now()
        compared = [f for f in CONTENT_FIELDS if f in present_fields and f != "id_number"]
        positions = [PERSON_FIELDS.index(f) for f in compared]
        existing = self._stored_values(people, compared)
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        for person in people:
            person.created_at = person.updated_at = now
            row = person_to_row(person)
            old = existing.get(person.id_number)
            if old is None:
                inserts.append(row)
                continue
            new = tuple(row[i] for i in positions)
            if new != old:
                updates.append((*new, now, person.id_number))
        unchanged = len(people) - len(inserts) - len(updates)
        batch = RosterImport(
            file_sha256=file_sha256,
            cycle=cycle,
            region=region,
            accepted=len(people),
            rejected=rejected,
            unchanged=unchanged,
            imported_at=now,
            actor=actor,
        )
        db.execute("SAVEPOINT roster_import")
        cursor = db.execute(
            "INSERT INTO roster_imports (uuid, file_sha256, cycle, region, accepted, rejected, unchanged, "
            "actor, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (batch.uuid, file_sha256, cycle, region, batch.accepted, rejected, unchanged, actor, now),
        )
        import_id = int(cursor.lastrowid or 0)
        db.executemany(INSERT_PERSON, inserts)
        if updates:
            db.executemany(
                f"UPDATE people SET {', '.join(f'{f} = ?' for f in compared)}, updated_at = ? "
                "WHERE id_number = ?",
                updates,
            )
        before = db.total_changes
        db.executemany(
            "INSERT INTO roster_entries (uuid, person_id, cycle, region, import_id, imported_at) "
            "VALUES (?, (SELECT id FROM people WHERE id_number = ?), ?, ?, ?, ?) "
            "ON CONFLICT (person_id, cycle, region) DO NOTHING",
            ((new_uuid(), p.id_number, cycle, region, import_id, now) for p in people),
        )
        new_entries = db.total_changes - before
        if not inserts and not updates and not new_entries:
            db.execute("ROLLBACK TO roster_import")
            db.execute("RELEASE roster_import")
            return ImportOutcome(0, 0, unchanged, 0, None)
        db.execute("RELEASE roster_import")
        details = {
            "added": len(inserts),
            "updated": len(updates),
            "unchanged": unchanged,
            "rejected": rejected,
            "new_entries": new_entries,
            "cycle": cycle,
            "region": region,
            "file_sha256": file_sha256,
        }
        self._s.record("roster.import", "roster_import", batch.uuid, details)
        return ImportOutcome(len(inserts), len(updates), unchanged, new_entries, batch)

    def _stored_values(self, people: Sequence[Person], compared: list[str]) -> dict[str, tuple[Any, ...]]:
        """ID number -> the ``compared`` columns as stored, for the people already in the store."""
        found: dict[str, tuple[Any, ...]] = {}
        columns = ", ".join(["id_number", *compared])
        for start in range(0, len(people), 900):  # below SQLite's bound-parameter limit
            chunk = [p.id_number for p in people[start : start + 900]]
            marks = ", ".join("?" for _ in chunk)
            query = f"SELECT {columns} FROM people WHERE id_number IN ({marks})"
            for row in self._s.db.execute(query, chunk):
                found[row[0]] = tuple(row[1:])
        return found

    def entries_for(self, person_uuid: str) -> list[RosterEntry]:
        """Every cycle and region a person is expected in, newest cycle first."""
        rows = self._s.db.execute(
            "SELECT p.uuid, r.cycle, r.region, i.uuid, r.uuid, r.imported_at FROM roster_entries r "
            "JOIN people p ON p.id = r.person_id LEFT JOIN roster_imports i ON i.id = r.import_id "
            "WHERE p.uuid = ? ORDER BY r.cycle DESC, r.region",
            (person_uuid,),
        ).fetchall()
        return [RosterEntry(*row) for row in rows]

    def withdraw(
        self, person_uuid: str, *, cycle: int, region: str, status: str | None, details: dict[str, Any]
    ) -> bool:
        """Headquarters took a person out of a region's packages: drop their roster entry for that
        region and cycle and, with ``status``, mark them inactive; one audit event ``roster.withdrawn``
        with the caller's ``details`` (the reason; never a clear ID number). Nothing else is deleted:
        their records stay. Returns whether anything changed (nothing at all is written if not)."""
        self._s.require_writer()
        row = self._s.db.execute("SELECT id, status FROM people WHERE uuid = ?", (person_uuid,)).fetchone()
        if row is None:
            return False
        person_id, old_status = row
        dropped = self._s.db.execute(
            "DELETE FROM roster_entries WHERE person_id = ? AND cycle = ? AND region = ?",
            (person_id, cycle, region),
        ).rowcount
        changed_status = status is not None and status != old_status
        if changed_status:
            self._s.db.execute(
                "UPDATE people SET status = ?, updated_at = ? WHERE id = ?", (status, utc_now(), person_id)
            )
        if not dropped and not changed_status:
            return False
        self._s.record(
            "roster.withdrawn",
            "person",
            person_uuid,
            {**details, "entry_removed": bool(dropped), "status": status if changed_status else None},
        )
        return True

    def count(self, *, cycle: int | None = None) -> int:
        """Roster entries, for one cycle or all."""
        if cycle is None:
            return int(self._s.db.execute("SELECT count(*) FROM roster_entries").fetchone()[0])
        row = self._s.db.execute("SELECT count(*) FROM roster_entries WHERE cycle = ?", (cycle,)).fetchone()
        return int(row[0])

    def imports(self) -> list[RosterImport]:
        """Past imports, newest first."""
        rows = self._s.db.execute(
            "SELECT file_sha256, cycle, region, accepted, rejected, unchanged, uuid, imported_at, actor "
            "FROM roster_imports ORDER BY id DESC"
        ).fetchall()
        return [RosterImport(*row) for row in rows]

    def people_in_cycle(self, cycle: int) -> list[Person]:
        """Everyone the roster expects in a cycle (any region), by name."""
        columns = ", ".join(f"p.{name}" for name in PERSON_FIELDS)
        rows = self._s.db.execute(
            f"SELECT DISTINCT {columns} FROM roster_entries r JOIN people p ON p.id = r.person_id "
            "WHERE r.cycle = ? ORDER BY p.name, p.id_number",
            (cycle,),
        ).fetchall()
        return [row_to_person(row) for row in rows]
