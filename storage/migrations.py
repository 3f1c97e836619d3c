"""Numbered, forward-only schema steps.

Why this shape: a laptop may come back from months in the field with a store made by an older
fieldkit; it must open and upgrade in place. Each step is idempotent (``IF NOT EXISTS``) and is
recorded in ``schema_version`` in the same transaction as its changes, so a crash mid-upgrade leaves
either the old or the new schema. A store whose version is newer than ``LATEST`` is refused by the
caller rather than guessed at. The first docstring line of each step is its description.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from storage.connection import Connection
from storage.records import utc_now

_V1 = (
    """CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS people (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        id_number TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        gender TEXT CHECK (gender IN ('male', 'female')),
        birth_date TEXT,
        ethnicity TEXT, address TEXT, phone TEXT, unit TEXT, district TEXT, pension_account TEXT,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deceased')),
        kind TEXT NOT NULL DEFAULT 'retiree' CHECK (kind IN ('retiree', 'dependant')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS people_name ON people (name)",
    """CREATE TABLE IF NOT EXISTS roster_imports (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        file_sha256 TEXT NOT NULL,
        cycle INTEGER NOT NULL,
        region TEXT NOT NULL,
        accepted INTEGER NOT NULL, rejected INTEGER NOT NULL, unchanged INTEGER NOT NULL,
        actor TEXT NOT NULL,
        imported_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS roster_entries (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        person_id INTEGER NOT NULL REFERENCES people (id),
        cycle INTEGER NOT NULL,
        region TEXT NOT NULL,
        import_id INTEGER REFERENCES roster_imports (id),
        imported_at TEXT NOT NULL,
        UNIQUE (person_id, cycle, region))""",
    "CREATE INDEX IF NOT EXISTS roster_by_cycle ON roster_entries (cycle, region)",
    """CREATE TABLE IF NOT EXISTS operators (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        login TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('operator', 'supervisor')),
        password_hash TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS audit_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        record_type TEXT NOT NULL,
        record_uuid TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL)""",
    # note: the trail is append-only at the database level too; tampering needs deliberate DDL.
    """CREATE TRIGGER IF NOT EXISTS audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
)

_V2 = (
    """CREATE TABLE IF NOT EXISTS enrollments (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        person_id INTEGER NOT NULL REFERENCES people (id),
        operator_uuid TEXT,
        device TEXT NOT NULL,
        place TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('complete', 'held', 'incomplete')),
        started_at TEXT NOT NULL,
        completed_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS enrollments_by_person ON enrollments (person_id)",
    """CREATE TABLE IF NOT EXISTS biometric_samples (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        enrollment_id INTEGER NOT NULL REFERENCES enrollments (id),
        modality TEXT NOT NULL CHECK (modality IN ('face', 'palm')),
        hand TEXT CHECK (hand IN ('left', 'right')),
        sample_index INTEGER NOT NULL,
        image BLOB NOT NULL,
        image_format TEXT NOT NULL,
        template BLOB,
        template_format TEXT,
        quality REAL,
        captured_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS samples_by_enrollment ON biometric_samples (enrollment_id)",
    "CREATE INDEX IF NOT EXISTS samples_by_template_format ON biometric_samples (template_format)",
    """CREATE TABLE IF NOT EXISTS certifications (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        person_id INTEGER NOT NULL REFERENCES people (id),
        cycle INTEGER NOT NULL,
        method TEXT NOT NULL,
        result TEXT NOT NULL,
        scores TEXT NOT NULL,
        evidence TEXT NOT NULL,
        operator_uuid TEXT,
        device TEXT NOT NULL,
        place TEXT NOT NULL,
        certified_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS certifications_by_person ON certifications (person_id, cycle)",
    """CREATE TABLE IF NOT EXISTS cases (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        reference TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        person_id INTEGER REFERENCES people (id),
        status TEXT NOT NULL CHECK (status IN ('open', 'approved', 'rejected')),
        opened_by TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        details TEXT NOT NULL,
        decided_by TEXT,
        decided_at TEXT,
        decision_note TEXT)""",
    "CREATE INDEX IF NOT EXISTS cases_by_status ON cases (status, kind)",
    """CREATE TABLE IF NOT EXISTS receipts (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        number TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        record_uuid TEXT NOT NULL,
        person_id INTEGER NOT NULL REFERENCES people (id),
        payload BLOB NOT NULL,
        signature BLOB NOT NULL,
        copies INTEGER NOT NULL DEFAULT 0,
        issued_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        record_type TEXT NOT NULL,
        record_uuid TEXT NOT NULL,
        created_at TEXT NOT NULL,
        sent_at TEXT)""",
    "CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (sent_at, seq)",
)


_V3 = (
    """CREATE TABLE IF NOT EXISTS attachments (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        record_type TEXT NOT NULL,
        record_uuid TEXT NOT NULL,
        kind TEXT NOT NULL,
        media_type TEXT NOT NULL,
        data BLOB NOT NULL,
        created_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS attachments_by_record ON attachments (record_uuid)",
)


def _v1(db: Connection) -> None:
    """People, roster, operators and the hash-chained audit trail."""
    for statement in _V1:
        db.execute(statement)


def _v2(db: Connection) -> None:
    """Enrollments with biometric samples, certifications, cases, receipts and the outbox."""
    for statement in _V2:
        db.execute(statement)


def _v3(db: Connection) -> None:
    """Attachments: evidence files (home-visit photos, documents) kept encrypted beside a record."""
    for statement in _V3:
        db.execute(statement)


_V4 = ("CREATE INDEX IF NOT EXISTS outbox_by_record ON outbox (record_uuid, seq)",)


def _v4(db: Connection) -> None:
    """Versions of re-sent records (outbox by record) and image retention (when an image was dropped)."""
    for statement in _V4:
        db.execute(statement)
    columns = {row[1] for row in db.execute("PRAGMA table_info(biometric_samples)")}
    if "image_dropped_at" not in columns:  # note: ALTER TABLE has no IF NOT EXISTS; steps must re-run safely
        db.execute("ALTER TABLE biometric_samples ADD COLUMN image_dropped_at TEXT")


_PRINTED_META = "receipt_printed:"  # where version 4 and earlier kept "the original was printed"


def _v5(db: Connection) -> None:
    """Receipts remember when their original was printed (a column, taken over from store meta)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(receipts)")}
    if "first_printed_at" not in columns:
        db.execute("ALTER TABLE receipts ADD COLUMN first_printed_at TEXT")
    # note: the old meta rows stay (nothing reads them any more); copying is idempotent
    db.execute(
        "UPDATE receipts SET first_printed_at = (SELECT value FROM meta WHERE key = ? || receipts.number) "
        "WHERE first_printed_at IS NULL",
        (_PRINTED_META,),
    )


def _v6_signed_acknowledgements(db: Connection) -> None:
    """Outbox entries keep the record hash headquarters acknowledged in a signed answer (retention)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(outbox)")}
    if "acked_sha256" not in columns:
        db.execute("ALTER TABLE outbox ADD COLUMN acked_sha256 TEXT")


@dataclass(frozen=True)
class Migration:
    """One numbered schema step."""

    version: int
    step: Callable[[Connection], None]

    @property
    def description(self) -> str:
        return (self.step.__doc__ or "").strip().splitlines()[0]


MIGRATIONS: Sequence[Migration] = (
    Migration(1, _v1),
    Migration(2, _v2),
    Migration(3, _v3),
    Migration(4, _v4),
    Migration(5, _v5),
    Migration(6, _v6_signed_acknowledgements),
)
LATEST = MIGRATIONS[-1].version


def current_version(db: Connection) -> int:
    """The highest applied step, 0 for a brand-new file."""
    has_table = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not has_table:
        return 0
    row = db.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(db: Connection, *, target: int = LATEST) -> list[int]:
    """Apply every missing step up to ``target``, each in its own transaction; return those applied."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, description TEXT NOT NULL)"
    )
    applied: list[int] = []
    for migration in MIGRATIONS:
        if migration.version > target or migration.version <= current_version(db):
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            migration.step(db)
            db.execute(
                "INSERT INTO schema_version (version, applied_at, description) VALUES (?, ?, ?)",
                (migration.version, utc_now(), migration.description),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied
