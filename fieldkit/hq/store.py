"""Headquarters' database: settings, devices and the change counter, over SQLite or PostgreSQL.

Why a data folder *and* a database URL: the folder holds what is handed out as files (the public
key teams carry); the database is a SQLite file in that folder by default, or a PostgreSQL server
(``--db postgresql://…`` or ``$FIELDKIT_HQ_DB``) for an agency's production headquarters. Every
table is reached through :class:`fieldkit.hq.db.Database`, so both behave the same.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.errors import UserError
from fieldkit.hq.db import Database, connect
from fieldkit.hq.schema import migrate, next_change
from storage.records import utc_now

if TYPE_CHECKING:
    from fieldkit.hq.key_vault import PassphrasePrompt

HQ_DB = "hq.db"
DB_ENV = "FIELDKIT_HQ_DB"


def _owner_only(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):  # note: a folder owned by another account stays as it is
        os.chmod(path, mode)


def _private_file(path: Path) -> None:
    """Create the SQLite file 0600 before SQLite opens it (its -wal and -shm files copy the mode)."""
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    _owner_only(path, 0o600)
    for suffix in ("-wal", "-shm"):
        if path.with_name(path.name + suffix).exists():
            _owner_only(path.with_name(path.name + suffix), 0o600)


class HqStore:
    """The headquarters database (SQLite: one connection under its lock; PostgreSQL: a pool)."""

    def __init__(self, db: Database, home: Path) -> None:
        self.db = db
        self.home = home
        self.cache: dict[str, object] = {}  # note: per-process state, e.g. the in-memory palm gallery
        # note: how the key passphrase is asked for (the CLI prompts; else $FIELDKIT_HQ_PASSPHRASE)
        self.passphrase_prompt: PassphrasePrompt | None = None
        migrate(db)

    @classmethod
    def open(cls, home: Path, *, create: bool = False, db_url: str | None = None) -> HqStore:
        """Open the database of an HQ data folder (``create`` makes the folder and a SQLite file).

        ``db_url`` (or ``$FIELDKIT_HQ_DB``) names another database, e.g. PostgreSQL.
        """
        url = db_url or os.environ.get(DB_ENV) or None
        if url is None:
            path = home / HQ_DB
            if not path.exists() and not create:
                raise UserError(
                    f"No headquarters database in {home}: run `fieldkit hq init` first.", code="hq.not_found"
                )
            url = str(path)
        if create:
            home.mkdir(mode=0o700, parents=True, exist_ok=True)
        elif not home.is_dir():
            raise UserError(
                f"No headquarters folder {home}: run `fieldkit hq init` first.", code="hq.not_found"
            )
        _owner_only(home, 0o700)  # note: also tightens folders made by fieldkit before 0700 was the rule
        if url == str(home / HQ_DB):
            _private_file(home / HQ_DB)
        return cls(connect(url), home)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> HqStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()  # note: on PostgreSQL this also stops the pool's threads

    # -- settings ---------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        value = self.db.scalar("SELECT value FROM hq_meta WHERE key = ?", (key,))
        return None if value is None else str(value)

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO hq_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
            "value = excluded.value",
            (key, value),
        )

    def next_change(self) -> int:
        """A new value of the change counter (work-package deltas ask for changes after a value).

        Call inside a transaction: the counter and the rows it stamps land together. One atomic
        increment: on PostgreSQL it locks the counter row until commit, so two transactions never
        get the same number and numbers commit in order (a delta "after N" cannot miss a row
        stamped N-1 that committed later).
        """
        return next_change(self.db)

    # -- devices ----------------------------------------------------------------------------------
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
        rows = self.db.execute("SELECT key_id, public_key FROM devices WHERE status = 'approved'").fetchall()
        return {str(key_id): bytes(public) for key_id, public in rows}

    def device_status(self, key_id: str) -> tuple[str, bytes] | None:
        """(status, public key) of a device, or None if it was never registered."""
        row = self.db.execute("SELECT status, public_key FROM devices WHERE key_id = ?", (key_id,)).fetchone()
        return None if row is None else (str(row[0]), bytes(row[1]))

    def devices(self) -> list[tuple[str, str, str, str]]:
        """(key id, name, status, registered at) of every device, for listings and reports."""
        rows = self.db.execute("SELECT key_id, name, status, registered_at FROM devices ORDER BY name")
        return [(str(a), str(b), str(c), str(d)) for a, b, c, d in rows.fetchall()]
