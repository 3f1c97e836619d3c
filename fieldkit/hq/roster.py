"""The master roster at headquarters: who is expected, per region and cycle, and what changed.

Why the laptop's reader and rules: a roster CSV comes from the same Excel exports in the field and at
headquarters (GBK or UTF-8, Chinese or English headers, 正常/死亡/暂停 in a status column), so
``fieldkit.workflows.roster_import`` validates it here too and rejects the same rows with the same
reasons (masked: a load report may be e-mailed).

Why one change number per load, stamped only on changed rows: work packages are delta-updated by
"changes after N"; a re-load of the same file must not make every team download the city again.
A person keeps the UUID headquarters gave them the first time (laptops and packages key people by
it), and the roster UUID is linked to the ID number in ``person_links`` like any laptop's UUID.

Why bulk statements in one transaction (COPY on PostgreSQL): 360,000 rows must load in minutes; a
statement per row over a network connection would take hours, and a half-loaded roster would make
intake's roster checks answer wrongly. Fields a file has no column for keep their stored values (a
file without a status column does not bring the deceased back to "active").
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldkit.errors import UserError
from fieldkit.hq.db import Database
from fieldkit.hq.package_removals import record_moves
from fieldkit.hq.store import HqStore
from fieldkit.wire.package import check_region
from fieldkit.workflows.roster_import import ImportReport, RowResult, validate_roster
from storage.people import PERSON_FIELDS, person_to_row
from storage.records import Person, new_uuid

_SORTED_FIELDS = sorted(f for f in PERSON_FIELDS if f not in ("created_at", "updated_at"))
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# columns a roster file may lack; their stored values are kept (birth date and gender follow from the ID)
_OPTIONAL = ("ethnicity", "address", "phone", "unit", "district", "pension_account", "status", "kind")
_CHUNK = 5000  # ID numbers per look-up (below SQLite's and PostgreSQL's parameter limits)
_COLUMNS = "id_number, person_uuid, name, region, cycle, status, district, unit, person, change_seq"
_ON_CONFLICT = (
    "ON CONFLICT (id_number) DO UPDATE SET name = excluded.name, region = excluded.region, "
    "cycle = excluded.cycle, status = excluded.status, district = excluded.district, unit = excluded.unit, "
    "person = excluded.person, change_seq = excluded.change_seq"
)
_UPSERT = f"INSERT INTO roster ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) {_ON_CONFLICT}"
_LINK = "INSERT INTO person_links (person_uuid, id_number) VALUES (?, ?) ON CONFLICT (person_uuid) DO NOTHING"


def person_json(person: Person, person_uuid: str) -> str:
    """The Person as canonical JSON (sorted keys, dates as ISO text) under headquarters' UUID.

    Timestamps are left out on purpose: the text is compared to tell a changed row from an unchanged
    one, and work packages carry it to laptops as is.
    note: keys are put in sorted order up front (same text as ``sort_keys``; 360,000 calls per load).
    """
    values = dict(zip(PERSON_FIELDS, person_to_row(person), strict=True))
    values["uuid"] = person_uuid
    return _ENCODE({f: values[f] for f in _SORTED_FIELDS})


@dataclass
class RosterLoadReport:
    """What a load did: the per-row validation (IDs masked) and the counts written."""

    validation: ImportReport
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    change_seq: int | None = None  # None when nothing changed (and nothing was written)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def accepted(self) -> int:
        return self.validation.accepted

    @property
    def rejected(self) -> int:
        return self.validation.rejected

    def rejected_rows(self) -> list[RowResult]:
        return [r for r in self.validation.rows if r.status == "rejected"]


def _stored(db: Database, id_numbers: Sequence[str]) -> dict[str, tuple[str, str, int, str]]:
    """ID number → (person UUID, region, cycle, person JSON) for the rows already in the roster."""
    found: dict[str, tuple[str, str, int, str]] = {}
    for start in range(0, len(id_numbers), _CHUNK):
        chunk = id_numbers[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows = db.execute(
            f"SELECT id_number, person_uuid, region, cycle, person FROM roster WHERE id_number IN ({marks})",
            chunk,
        ).fetchall()
        for number, uuid, region, cycle, person in rows:
            found[str(number)] = (str(uuid), str(region), int(cycle), str(person))
    return found


def _keep_absent_fields(person: Person, stored_json: str, missing: Sequence[str]) -> None:
    """Fill fields the file has no column for from the stored person."""
    stored = json.loads(stored_json)
    for name in missing:
        if name in stored:
            setattr(person, name, stored[name])


def _write_sqlite(db: Database, rows: list[tuple[Any, ...]], links: list[tuple[str, str]]) -> None:
    db.executemany(_UPSERT, rows)
    db.executemany(_LINK, links)


def _write_postgresql(db: Database, rows: list[tuple[Any, ...]], links: list[tuple[str, str]]) -> None:
    """COPY into a temporary table, then one upsert from it (an order of magnitude over executemany)."""
    with db.lock, db.connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE roster_load (LIKE roster) ON COMMIT DROP")
        with cursor.copy(f"COPY roster_load ({_COLUMNS}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(f"INSERT INTO roster ({_COLUMNS}) SELECT {_COLUMNS} FROM roster_load {_ON_CONFLICT}")
        cursor.execute("CREATE TEMP TABLE links_load (LIKE person_links) ON COMMIT DROP")
        with cursor.copy("COPY links_load (person_uuid, id_number) FROM STDIN") as copy:
            for link in links:
                copy.write_row(link)
        cursor.execute(
            "INSERT INTO person_links (person_uuid, id_number) SELECT person_uuid, id_number FROM links_load "
            "ON CONFLICT (person_uuid) DO NOTHING"
        )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"No roster file at {path}.", code="roster.not_found") from None
    except IsADirectoryError:
        raise UserError(f"{path} is a folder, not a roster file.", code="roster.unreadable") from None
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror}.", code="roster.unreadable") from None


def load_roster(hq: HqStore, path: Path, *, cycle: int, region: str) -> RosterLoadReport:
    """Validate a roster file and upsert its good rows for ``region``/``cycle`` in one transaction."""
    check_region(region)
    if not 2000 <= cycle <= 2200:
        raise UserError("The cycle is a year, like 2026.", code="roster.bad_cycle")
    started = time.perf_counter()
    validation, people, present = validate_roster(_read(path))
    report = RosterLoadReport(validation=validation)
    report.timings["validate"] = time.perf_counter() - started
    if not people:
        report.seconds = time.perf_counter() - started
        return report
    missing = [f for f in _OPTIONAL if f not in present]
    db = hq.db
    with db.transaction():
        stored = _stored(db, [p.id_number for p in people])
        report.timings["compare"] = time.perf_counter() - started
        rows: list[tuple[Any, ...]] = []
        links: list[tuple[str, str]] = []
        moves: list[tuple[str, str, int]] = []  # note: (ID number, old region, old cycle), issue 18
        for person in people:
            old = stored.get(person.id_number)
            if old is not None and old[1] != region:
                moves.append((person.id_number, str(old[1]), int(old[2])))
            if old is not None and missing:
                _keep_absent_fields(person, old[3], missing)
            uuid = old[0] if old is not None else new_uuid()
            text = person_json(person, uuid)
            if old is None:
                links.append((uuid, person.id_number))
                report.added += 1
            elif (old[1], old[2], old[3]) == (region, cycle, text):
                report.unchanged += 1
                continue
            else:
                report.updated += 1
            rows.append(
                (
                    person.id_number,
                    uuid,
                    person.name,
                    region,
                    cycle,
                    person.status,
                    person.district,
                    person.unit,
                    text,
                )
            )
        if rows:
            report.change_seq = hq.next_change()
            stamped = [(*row, report.change_seq) for row in rows]
            if db.dialect == "postgresql":
                _write_postgresql(db, stamped, links)
            else:
                _write_sqlite(db, stamped, links)
            record_moves(hq, moves, report.change_seq)
    report.seconds = time.perf_counter() - started
    report.timings["write"] = report.seconds
    return report
