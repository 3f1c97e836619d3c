"""Opening the SQLCipher file: keying, durability settings, and turning low-level failures into
clear errors.

Why here and nowhere else: SQLCipher's quirks (no bound parameter for ``PRAGMA key``, a wrong key
that only fails at the first read, error chatter on stderr) must be handled once. Opening never
creates a file unless asked to, so a typo in a path or a wrong passphrase cannot leave an empty
store behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3

from storage.errors import StoreDamaged, StoreExists, StoreLocked, StoreNotFound, WrongPassphrase

if TYPE_CHECKING:
    # note: sqlcipher3 ships no type hints; its API is the standard sqlite3 module's
    from sqlite3 import Connection as Connection
else:
    Connection = sqlcipher3.Connection
DatabaseError = sqlcipher3.DatabaseError
IntegrityError = sqlcipher3.IntegrityError
PAGE_SIZE = 4096  # SQLCipher 4 default; files are always whole pages
APPLICATION_ID = 0x464B4954  # "FKIT": marks a file as a fieldkit store
_PLAIN_SQLITE_MAGIC = b"SQLite format 3\x00"


def key_pragma(passphrase: str, *, rekey: bool = False) -> str:
    """Build ``PRAGMA key`` text; SQLCipher takes no bound parameter here, so quotes are doubled."""
    if not passphrase:
        raise WrongPassphrase("An empty passphrase is not allowed.", code="store.empty_passphrase")
    if "\x00" in passphrase:
        raise WrongPassphrase("A passphrase may not contain a NUL character.")
    escaped = passphrase.replace("'", "''")
    return f"PRAGMA {'rekey' if rekey else 'key'} = '{escaped}'"


def _diagnose_unreadable(path: Path) -> StoreDamaged | WrongPassphrase:
    """Tell a damaged file from a wrong passphrase where the bytes allow it."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(16)
    if head == _PLAIN_SQLITE_MAGIC:
        return StoreDamaged(
            f"{path.name} is an unencrypted SQLite file, not a fieldkit store.", code="store.not_encrypted"
        )
    if size % PAGE_SIZE:
        return StoreDamaged(
            f"{path.name} is damaged: its size ({size} bytes) is not a whole number of pages "
            "(the file was probably cut short). Restore it from a backup.",
            code="store.truncated",
        )
    return WrongPassphrase(
        f"Cannot open {path.name}: the passphrase is wrong, or the file is not a fieldkit store."
    )


def connect(path: Path, passphrase: str, *, create: bool) -> Connection:
    """Open (or create) the encrypted file and apply the settings every session relies on."""
    exists = path.exists()
    if create and exists:
        raise StoreExists(f"A store already exists at {path}; refusing to overwrite it.")
    if not create and not exists:
        raise StoreNotFound(f"No store at {path}. Create one with `fieldkit init`.")
    if exists and path.stat().st_size == 0:
        raise StoreDamaged(f"{path.name} is empty (0 bytes): it is not a usable store.", code="store.empty")
    mode = "rwc" if create else "rw"
    try:
        # note: a URI with mode=rw makes SQLite refuse to create a missing file.
        db: Connection = sqlcipher3.connect(
            f"{path.resolve().as_uri()}?mode={mode}",
            uri=True,
            isolation_level=None,  # transactions are explicit (Store.transaction)
            check_same_thread=False,  # one owner thread, but not always the opener (GUI executor)
            timeout=5.0,
        )
    except sqlcipher3.OperationalError as exc:
        raise StoreNotFound(f"Cannot open {path}: {exc}.") from None
    try:
        db.execute("PRAGMA cipher_log_level = NONE")  # a wrong key must not spray stderr
        db.execute(key_pragma(passphrase))
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        db.close()
        if "locked" in str(exc):
            raise StoreLocked(f"{path.name} is in use by another program.") from None
        raise _diagnose_unreadable(path) from None
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA temp_store = MEMORY")  # no clear-text temp files for sorts and indexes
        db.execute("PRAGMA cache_size = -65536")  # 64 MiB of decrypted pages: searches stay in memory
    except sqlcipher3.DatabaseError as exc:
        db.close()
        raise StoreDamaged(f"{path.name} could not be prepared for use ({exc}).") from None
    return db
