"""The encrypted store: one SQLCipher file per laptop holding every record, image and template.

Why one object: opening costs ~0.3 s of key derivation, so a session opens once and shares one
connection (one owner thread, see ARCHITECTURE.md). Writes go through ``transaction(actor)``, which
gives the repositories an actor for the audit trail and makes a record, its audit event and its
outbox entry land together or not at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from storage import audit, integrity, migrations
from storage.attachments import AttachmentRepository
from storage.cases import CaseRepository
from storage.certifications import CertificationRepository
from storage.connection import APPLICATION_ID, Connection, connect, key_pragma
from storage.connection import DatabaseError as DatabaseError  # note: re-exported for the CLI's exit codes
from storage.enrollments import EnrollmentRepository
from storage.errors import ProgrammingError, StorageError, StoreDamaged, StoreTooNew
from storage.operators import OperatorRepository
from storage.outbox import OutboxRepository
from storage.people import PeopleRepository
from storage.receipts import ReceiptRepository
from storage.records import AuditEvent, new_uuid, utc_now
from storage.roster import RosterRepository
from storage.session import Session

SYSTEM_ACTOR = "system"
_RESERVED_META_KEYS = frozenset({"store_id", "created_at", audit.HEAD_KEY})


class Store:
    """An open store. Use ``Store.create`` or ``Store.open``; close it (or use ``with``)."""

    def __init__(self, path: Path, db: Connection) -> None:
        self.path = path
        self._session = Session(db)
        self.people = PeopleRepository(self._session)
        self.roster = RosterRepository(self._session, self.people)
        self.operators = OperatorRepository(self._session)
        self.enrollments = EnrollmentRepository(self._session)
        self.certifications = CertificationRepository(self._session)
        self.cases = CaseRepository(self._session)
        self.receipts = ReceiptRepository(self._session)
        self.outbox = OutboxRepository(self._session)
        self.attachments = AttachmentRepository(self._session)
        self.upgraded_from: int | None = None

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, passphrase: str) -> Store:
        """Make a new store file (refuses to touch an existing one)."""
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        db = connect(path, passphrase, create=True)
        try:
            os.chmod(path, 0o600)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            migrations.migrate(db)
            store = cls(path, db)
            with store.transaction(SYSTEM_ACTOR):
                db.execute("INSERT INTO meta (key, value) VALUES ('store_id', ?)", (new_uuid(),))
                db.execute("INSERT INTO meta (key, value) VALUES ('created_at', ?)", (utc_now(),))
                store._session.record("store.create", "store", None, {"schema": migrations.LATEST})
        except BaseException:
            db.close()
            raise
        return store

    @classmethod
    def open(cls, path: Path, passphrase: str) -> Store:
        """Open an existing store, upgrading an older schema in place; a newer one is refused."""
        db = connect(path, passphrase, create=False)
        try:
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise StoreDamaged(
                    f"{path.name} opens, but it is not a fieldkit store.", code="store.foreign"
                )
            version = migrations.current_version(db)
            if version > migrations.LATEST:
                raise StoreTooNew(
                    f"{path.name} was written by a newer fieldkit (schema {version}; this version knows "
                    f"up to {migrations.LATEST}). Install the newer fieldkit to open it.",
                    found=version,
                    known=migrations.LATEST,
                )
            store = cls(path, db)
            if version < migrations.LATEST:
                applied = migrations.migrate(db)
                with store.transaction(SYSTEM_ACTOR):
                    store._session.record(
                        "store.upgrade", "store", None, {"from": version, "applied": applied}
                    )
                store.upgraded_from = version
        except DatabaseError as exc:
            db.close()
            raise StoreDamaged(f"{path.name} is damaged ({exc}). Restore it from a backup.") from None
        except BaseException:
            db.close()
            raise
        return store

    def close(self) -> None:
        """Checkpoint the WAL into the main file and close."""
        db = self._session.db
        try:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except DatabaseError:
            pass  # note: a failed checkpoint loses nothing; the WAL is replayed on next open
        db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------
    @contextmanager
    def transaction(self, actor: str) -> Iterator[Store]:
        """One atomic unit of writes by ``actor`` (an operator UUID, or "system")."""
        if not actor:
            raise ProgrammingError("a transaction needs an actor for the audit trail")
        if self._session.actor is not None:
            raise ProgrammingError("transactions do not nest")
        db = self._session.db
        db.execute("BEGIN IMMEDIATE")
        self._session.actor = actor
        try:
            yield self
        except BaseException:
            db.execute("ROLLBACK")
            raise
        else:
            db.execute("COMMIT")
        finally:
            self._session.actor = None

    @property
    def in_transaction(self) -> bool:
        """Whether a ``transaction`` is open (code that may run inside one or on its own asks this)."""
        return self._session.actor is not None

    def require_transaction(self) -> str:
        """The open transaction's actor; raises ProgrammingError outside ``transaction``."""
        return self._session.require_writer()

    # -- facts and maintenance -----------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        """A value from the store's own ``meta`` table (``store_id``, ``created_at``, ...)."""
        row = self._session.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str, *, action: str) -> None:
        """Write (insert or replace) one ``meta`` value; call inside ``transaction(actor)``.

        Why here: the application keeps a few per-store facts (such as the device signing key) in the
        encrypted ``meta`` table, and like every other write this one must leave an audit event
        (``action``). Only the key name goes into the trail, never the value: it may be a secret. The
        keys the store itself maintains (``store_id``, ``created_at``, the audit head) are refused,
        since overwriting them would change the store's identity or hide removed audit events.
        """
        self._session.require_writer()
        if key in _RESERVED_META_KEYS:
            raise ProgrammingError(f"meta key {key!r} is maintained by the store itself")
        self._session.db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
        self._session.record(action, "store", None, {"key": key})

    @property
    def store_id(self) -> str:
        """The random id of this store, made once at creation."""
        return self.meta("store_id") or ""

    @property
    def schema_version(self) -> int:
        """The applied schema step."""
        return migrations.current_version(self._session.db)

    def verify_audit(self) -> audit.AuditReport:
        """Check the audit chain (see ``storage.audit.verify``); a damaged, unreadable trail is a
        problem of the report, not an exception."""
        try:
            return audit.verify(self._session.db)
        except DatabaseError as exc:
            return audit.AuditReport(0, [f"the audit trail cannot be read: {exc}"])

    def audit_events(self, *, since_seq: int = 0) -> list[AuditEvent]:
        """Audit events in order."""
        return list(audit.iter_events(self._session.db, since_seq=since_seq))

    def audit_head(self) -> tuple[int, str]:
        """(events written, newest hash): the fingerprint of this store's history."""
        return audit.read_head(self._session.db)

    def change_passphrase(self, new_passphrase: str, *, actor: str = SYSTEM_ACTOR) -> None:
        """Re-encrypt every page under a new passphrase, in place."""
        statement = key_pragma(new_passphrase, rekey=True)
        damaged = [row[0] for row in self._session.db.execute("PRAGMA cipher_integrity_check")]
        if damaged:  # note: re-encrypting a damaged file fails half-way (SQLITE_NOMEM at COMMIT)
            raise StoreDamaged(
                f"The store is damaged ({len(damaged)} page(s) fail their check); its passphrase was not "
                "changed. Run 'fieldkit store check' and restore it from a backup first."
            )
        # note: SQLCipher's rekey rewrites every page and commits the open transaction's writes with
        # them, so the audit event recorded first lands in the same commit as the new key: a crash
        # leaves either the old key without the event or the new key with it (tests/storage kill -9).
        with self.transaction(actor):
            self._session.record("store.rekey", "store", None)
            try:
                self._session.db.execute(statement)
            except DatabaseError as exc:
                raise StorageError(
                    f"Changing the passphrase failed ({exc}); the old one still works."
                ) from None

    def check(self) -> list[str]:
        """Run SQLCipher's page-HMAC check and SQLite's structural checks; return problems found
        (summarised by table, see ``storage.integrity``)."""
        return integrity.check(self._session.db)

    def export_encrypted_copy(self, target: Path, passphrase: str) -> None:
        """Write a consistent, encrypted copy of the whole database to a new file ``target``."""
        db = self._session.db
        escaped = passphrase.replace("'", "''")
        target_text = str(target).replace("'", "''")
        db.execute(f"ATTACH DATABASE '{target_text}' AS backup_copy KEY '{escaped}'")
        try:
            try:
                db.execute("SELECT sqlcipher_export('backup_copy')")
            except DatabaseError as exc:
                raise StoreDamaged(
                    f"The store could not be copied: it is damaged ({exc}). Run 'fieldkit store check' "
                    "and restore it from an earlier backup."
                ) from None
            db.execute(f"PRAGMA backup_copy.application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA backup_copy.user_version = {migrations.current_version(db)}")
        finally:
            db.execute("DETACH DATABASE backup_copy")
