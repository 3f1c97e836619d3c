"""Headquarters' database: registered devices, received batches and every record a laptop sent.

Why SQLite through the standard library for now: the intake rules (accept, already had, conflict,
gaps) are the same whatever the database; a PostgreSQL backend for production (issue 7) plugs in
behind the same small class. Writes are transactions; a record's content is kept as the exact
canonical bytes the laptop hashed, so a re-send can be compared byte for byte.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fieldkit.errors import UserError
from storage.records import utc_now

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS hq_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS devices (
        key_id TEXT PRIMARY KEY, public_key BLOB NOT NULL, name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('approved', 'revoked')), registered_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS batches (
        batch_id TEXT PRIMARY KEY, device_key_id TEXT NOT NULL, store_id TEXT NOT NULL,
        entries INTEGER NOT NULL, received_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS records (
        record_uuid TEXT PRIMARY KEY, record_type TEXT NOT NULL, sha256 TEXT NOT NULL, content BLOB NOT NULL,
        device_key_id TEXT NOT NULL, sequence INTEGER NOT NULL, batch_id TEXT NOT NULL,
        received_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS records_by_device ON records (device_key_id, sequence)",
)
HQ_DB = "hq.db"


class HqStore:
    """One connection to the headquarters database."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # note: the HTTP server uses one connection from several threads, always under its lock
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = FULL")
        for statement in _SCHEMA:
            self.db.execute(statement)

    @classmethod
    def open(cls, home: Path, *, create: bool = False) -> HqStore:
        """Open the database in an HQ data folder (``create`` makes the folder and file)."""
        path = home / HQ_DB
        if not path.exists() and not create:
            raise UserError(
                f"No headquarters database in {home}: run `fieldkit hq init` first.", code="hq.not_found"
            )
        home.mkdir(parents=True, exist_ok=True)
        return cls(path)

    def close(self) -> None:
        self.db.close()

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM hq_meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO hq_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
            "value = excluded.value",
            (key, value),
        )

    def register_device(self, key_id: str, public_key: bytes, name: str) -> None:
        """Approve a laptop's device key (re-registering a revoked key approves it again)."""
        self.db.execute(
            "INSERT INTO devices (key_id, public_key, name, status, registered_at) "
            "VALUES (?, ?, ?, 'approved', ?) "
            "ON CONFLICT (key_id) DO UPDATE SET status = 'approved', name = excluded.name",
            (key_id, public_key, name, utc_now()),
        )

    def revoke_device(self, key_id: str) -> None:
        """Refuse everything this device sends from now on."""
        if self.db.execute("UPDATE devices SET status = 'revoked' WHERE key_id = ?", (key_id,)).rowcount != 1:
            raise UserError(f"No device with key {key_id}.", code="hq.no_device")

    def approved_keys(self) -> dict[str, bytes]:
        """Key id → public key of every approved device."""
        rows = self.db.execute("SELECT key_id, public_key FROM devices WHERE status = 'approved'")
        return {str(key_id): bytes(public) for key_id, public in rows}
