"""Headquarters schema, created and upgraded by the server itself in numbered steps.

Why numbered steps in ``hq_meta.schema_version``: an agency upgrades fieldkit at headquarters while
its database keeps years of records; each step runs once, in a transaction, and a database written
by a newer fieldkit is refused instead of being half-understood. The statements use ``{blob}``,
``{serial}`` and ``{bigint}`` so the same text creates SQLite and PostgreSQL tables.

Tables: devices (approved laptop keys), batches and uploads (what arrived, chunk by chunk),
records (every version of every record a laptop sent, byte-exact), nonces (replay protection),
roster (the master roster) and person_links (any person UUID a laptop used → ID number),
templates (every enrolled biometric template: the city-wide gallery and work-package content),
reviews (what people must decide) and decisions (answers flowing back to laptops), hq_operators,
device_regions (the regions whose work packages a device may receive), search_jobs (the queued
duplicate searches), console_sessions and staff_audit (the web console's logins and what staff did).
"""

from __future__ import annotations

from fieldkit.errors import UserError
from fieldkit.hq.db import Database

_STEP_1 = (
    "CREATE TABLE IF NOT EXISTS hq_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE devices (
        key_id TEXT PRIMARY KEY, public_key {blob} NOT NULL, name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('approved', 'revoked')), registered_at TEXT NOT NULL)""",
    """CREATE TABLE batches (
        batch_id TEXT PRIMARY KEY, device_key_id TEXT NOT NULL, store_id TEXT NOT NULL,
        entries INTEGER NOT NULL, received_at TEXT NOT NULL, report TEXT)""",
    """CREATE TABLE records (
        record_uuid TEXT NOT NULL, version INTEGER NOT NULL, record_type TEXT NOT NULL,
        sha256 TEXT NOT NULL, content {blob} NOT NULL, device_key_id TEXT NOT NULL,
        sequence {bigint} NOT NULL, batch_id TEXT NOT NULL, received_at TEXT NOT NULL,
        PRIMARY KEY (record_uuid, version))""",
    "CREATE INDEX records_by_device ON records (device_key_id, sequence)",
    """CREATE TABLE nonces (
        device_key_id TEXT NOT NULL, nonce TEXT NOT NULL, seen_at {bigint} NOT NULL,
        PRIMARY KEY (device_key_id, nonce))""",
    """CREATE TABLE uploads (
        batch_id TEXT PRIMARY KEY, device_key_id TEXT NOT NULL, total_size {bigint} NOT NULL,
        sha256 TEXT NOT NULL, manifest TEXT NOT NULL, received {bigint} NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('receiving', 'complete')), report TEXT,
        created_at TEXT NOT NULL, completed_at TEXT)""",
    """CREATE TABLE upload_chunks (
        batch_id TEXT NOT NULL, chunk_offset {bigint} NOT NULL, data {blob} NOT NULL,
        PRIMARY KEY (batch_id, chunk_offset))""",
    """CREATE TABLE roster (
        id_number TEXT PRIMARY KEY, person_uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
        region TEXT NOT NULL, cycle INTEGER NOT NULL, status TEXT NOT NULL, district TEXT, unit TEXT,
        person TEXT NOT NULL, change_seq {bigint} NOT NULL)""",
    "CREATE INDEX roster_by_region ON roster (region, cycle, change_seq)",
    "CREATE TABLE person_links (person_uuid TEXT PRIMARY KEY, id_number TEXT NOT NULL)",
    "CREATE INDEX person_links_by_id ON person_links (id_number)",
    """CREATE TABLE templates (
        sample_uuid TEXT PRIMARY KEY, enrollment_uuid TEXT NOT NULL, id_number TEXT NOT NULL,
        modality TEXT NOT NULL, hand TEXT, format TEXT NOT NULL, template {blob} NOT NULL,
        device_key_id TEXT NOT NULL, change_seq {bigint} NOT NULL)""",
    "CREATE INDEX templates_by_person ON templates (id_number)",
    """CREATE TABLE reviews (
        id {serial}, kind TEXT NOT NULL, record_uuid TEXT NOT NULL, record_type TEXT NOT NULL,
        device_key_id TEXT NOT NULL, summary TEXT NOT NULL, details TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'approved', 'rejected')),
        created_at TEXT NOT NULL, decided_by TEXT, decided_at TEXT, note TEXT)""",
    "CREATE INDEX reviews_by_status ON reviews (status, id)",
    "CREATE INDEX reviews_by_record ON reviews (record_uuid, kind)",
    """CREATE TABLE decisions (
        seq {serial}, device_key_id TEXT NOT NULL, kind TEXT NOT NULL, subject_uuid TEXT NOT NULL,
        payload TEXT NOT NULL, created_at TEXT NOT NULL)""",
    "CREATE INDEX decisions_by_device ON decisions (device_key_id, seq)",
    """CREATE TABLE certified (
        id_number TEXT NOT NULL, cycle INTEGER NOT NULL, record_uuid TEXT NOT NULL,
        PRIMARY KEY (id_number, cycle))""",
    """CREATE TABLE hq_operators (
        login TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, password_hash TEXT NOT NULL,
        active INTEGER NOT NULL, created_at TEXT NOT NULL)""",
)

# Step 2 (work packages): what packages need, indexed once per record instead of parsed at every
# download (enrollment status, details and a face thumbnail; certifications), each row stamped with
# the change counter so deltas find it; plus the look-ups the index and packages use.
_STEP_2 = (
    """CREATE TABLE package_enrollments (
        enrollment_uuid TEXT PRIMARY KEY, version INTEGER NOT NULL, id_number TEXT NOT NULL,
        status TEXT NOT NULL, details TEXT NOT NULL, thumbnail {blob}, change_seq {bigint} NOT NULL)""",
    "CREATE INDEX package_enrollments_by_person ON package_enrollments (id_number)",
    """CREATE TABLE package_certifications (
        record_uuid TEXT PRIMARY KEY, id_number TEXT NOT NULL, cycle INTEGER NOT NULL, result TEXT NOT NULL,
        certified_at TEXT NOT NULL, details TEXT NOT NULL, change_seq {bigint} NOT NULL)""",
    "CREATE INDEX package_certifications_by_person ON package_certifications (id_number, certified_at)",
    "CREATE INDEX records_by_type ON records (record_type, received_at)",
    "CREATE INDEX templates_by_enrollment ON templates (enrollment_uuid)",
)

# Step 3: staff accounts lock after repeated wrong passwords, as laptop operators do.
_STEP_3 = (
    "ALTER TABLE hq_operators ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE hq_operators ADD COLUMN locked_until TEXT",
)

# Step 4 (device regions; work packages only where they belong): the regions each device
# may receive packages for. Self-contained: merge and renumber freely beside other new steps.
_STEP_DEVICE_REGIONS = (
    """CREATE TABLE device_regions (
        key_id TEXT NOT NULL, region TEXT NOT NULL, PRIMARY KEY (key_id, region))""",
)

# Step 5 (audit points): every audit-chain head and checkpoint a device's batches carried, so a
# later batch whose chain does not extend them is caught (see fieldkit.hq.audit_heads).
_STEP_5_AUDIT_POINTS = (
    """CREATE TABLE audit_points (
        device_key_id TEXT NOT NULL, events {bigint} NOT NULL, hash TEXT NOT NULL, batch_id TEXT NOT NULL,
        received_at TEXT NOT NULL, PRIMARY KEY (device_key_id, events))""",
)

# Step 6 (duplicate search as queued work): one job per new enrollment, claimed by workers with a
# lease (times in Unix seconds) so a crashed worker's job is taken again; see fieldkit.hq.search_queue.
# Self-contained: merge and renumber freely beside other new steps.
_STEP_6_SEARCH_JOBS = (
    """CREATE TABLE search_jobs (
        id {serial}, enrollment_uuid TEXT NOT NULL UNIQUE, batch_id TEXT NOT NULL,
        device_key_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0, claimed_at {bigint}, lease_until {bigint}, worker_id TEXT,
        error TEXT, queued_at TEXT NOT NULL, finished_at TEXT, flagged INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX search_jobs_by_status ON search_jobs (status, id)",
)

# Step 7 (the web review console, fieldkit.hq.console): server-side staff sessions (only the SHA-256
# of the cookie's token is stored, so a database reader cannot take over a session; revoked by
# deleting the row; idle time from last_seen, Unix seconds) and the staff audit trail (every login,
# decision and reveal with the staff login). Self-contained.
_STEP_7_CONSOLE = (
    """CREATE TABLE console_sessions (
        token_hash TEXT PRIMARY KEY, login TEXT NOT NULL, csrf_token TEXT NOT NULL,
        created_at {bigint} NOT NULL, last_seen {bigint} NOT NULL, remote TEXT NOT NULL)""",
    "CREATE INDEX console_sessions_by_login ON console_sessions (login)",
    """CREATE TABLE staff_audit (
        id {serial}, at TEXT NOT NULL, login TEXT NOT NULL, action TEXT NOT NULL,
        subject TEXT NOT NULL, detail TEXT NOT NULL)""",
    "CREATE INDEX staff_audit_by_subject ON staff_audit (subject, id)",
    # note: the queue filters by district (filled from the roster by fieldkit.hq.console.queue)
    "ALTER TABLE reviews ADD COLUMN district TEXT",
    "CREATE INDEX reviews_by_status_kind ON reviews (status, kind, id)",
    "CREATE INDEX reviews_by_status_device ON reviews (status, device_key_id, id)",
    "CREATE INDEX reviews_by_status_district ON reviews (status, district, id)",
    "CREATE INDEX reviews_unplaced ON reviews (id) WHERE district IS NULL",
)

# Step 8 (gallery start-up in binary; sharded search): each palm template's codes ready for the
# search (full code, compact first-pass code, flag), read in bulk when a worker loads the city,
# filled by the worker from ``template`` (existing rows on its first start), see
# fieldkit.hq.gallery_codes; and the per-shard parts of a job searched by workers that each hold one
# shard of the gallery (``fieldkit hq worker --shard K/N``), see fieldkit.hq.search_shards.
# Self-contained: merge and renumber freely beside other new steps.
_STEP_8_GALLERY_CODES = (
    "ALTER TABLE templates ADD COLUMN gallery_code {blob}",
    # note: workers top their gallery up before every batch with "stamped after N": without this
    # index each top-up scanned the whole table (seconds at 720k)
    "CREATE INDEX templates_by_change ON templates (change_seq)",
    """CREATE TABLE search_job_parts (
        job_id {bigint} NOT NULL, shard INTEGER NOT NULL, shards INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'queued', 'done')),
        attempts INTEGER NOT NULL DEFAULT 0, lease_until {bigint}, worker_id TEXT, hits TEXT,
        error TEXT, PRIMARY KEY (job_id, shard))""",
)

# Step 9 (issue 18, removals in package deltas): who left a region's packages and why (moved, fraud;
# deceased and suspended travel as the person's roster status), stamped with the change counter so a
# delta carries them (see fieldkit.hq.package_removals).
_STEP_9_PACKAGE_REMOVALS = (
    """CREATE TABLE package_removals (
        id_number TEXT NOT NULL, region TEXT NOT NULL, cycle INTEGER NOT NULL, reason TEXT NOT NULL,
        change_seq {bigint} NOT NULL, removed_at TEXT NOT NULL, PRIMARY KEY (id_number, region, cycle))""",
    "CREATE INDEX package_removals_by_region ON package_removals (region, cycle, change_seq)",
)

# Step 10: the newest status of each case that holds an enrolment (suspected duplicate, failed or
# impossible liveness), so a held enrolment is released into packages once all are approved
# (see fieldkit.hq.enrolment_holds). Cases taken in before this step are read back once by migrate().
_STEP_10_ENROLMENT_HOLDS = (
    """CREATE TABLE enrolment_hold_cases (
        case_uuid TEXT PRIMARY KEY, enrollment_uuid TEXT NOT NULL, status TEXT NOT NULL,
        version INTEGER NOT NULL)""",
    "CREATE INDEX enrolment_hold_cases_by_enrollment ON enrolment_hold_cases (enrollment_uuid)",
)

STEPS: tuple[tuple[str, ...], ...] = (
    _STEP_1,
    _STEP_2,
    _STEP_3,
    _STEP_DEVICE_REGIONS,
    _STEP_5_AUDIT_POINTS,
    _STEP_6_SEARCH_JOBS,
    _STEP_7_CONSOLE,
    _STEP_8_GALLERY_CODES,
    _STEP_9_PACKAGE_REMOVALS,
    _STEP_10_ENROLMENT_HOLDS,
)
SCHEMA_VERSION = len(STEPS)


def _version(db: Database) -> int:
    db.execute(db.ddl(_STEP_1[0]))
    value = db.scalar("SELECT value FROM hq_meta WHERE key = 'schema_version'")
    return 0 if value is None else int(value)


def next_change(db: Database) -> int:
    """A new value of the change counter (see :meth:`fieldkit.hq.store.HqStore.next_change`)."""
    with db.transaction():
        value = db.scalar(
            "INSERT INTO hq_meta (key, value) VALUES ('change_seq', '1') ON CONFLICT (key) DO UPDATE "
            "SET value = CAST(CAST(hq_meta.value AS BIGINT) + 1 AS TEXT) RETURNING value"
        )
    return int(value)


def migrate(db: Database) -> int:
    """Bring the schema to :data:`SCHEMA_VERSION`; returns the version found before."""
    with db.transaction():
        # note: API processes and workers starting together after an upgrade migrate one at a time;
        # the others then find the schema current (PostgreSQL DDL is transactional)
        db.serialize("fieldkit.migrate")
        found = _version(db)
        if found > SCHEMA_VERSION:
            raise UserError(
                f"This headquarters database was written by a newer fieldkit (schema {found}, this "
                f"program knows {SCHEMA_VERSION}); upgrade fieldkit.",
                code="hq.schema_too_new",
            )
        for number in range(found + 1, SCHEMA_VERSION + 1):
            for statement in STEPS[number - 1]:
                if "IF NOT EXISTS" not in statement:
                    db.execute(db.ddl(statement))
        if 0 < found < STEPS.index(_STEP_10_ENROLMENT_HOLDS) + 1:
            # note: cases taken in before step 10 are read back once, so enrolments they released count
            from fieldkit.hq.enrolment_holds import backfill

            backfill(db, lambda: next_change(db))
        if found != SCHEMA_VERSION:
            db.execute(
                "INSERT INTO hq_meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )
    return found
