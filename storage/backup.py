"""Encrypted backups of a whole store, and restoring them without losing newer data.

Why a container around the SQLCipher copy: a backup on a USB stick can be truncated or swapped. The
container starts with magic bytes and a format version, and a small header (no personal data) gives
the payload's length and SHA-256, the store id, the schema version and the audit-trail length, so
that a damaged file is named as damaged and a restore can tell whether it would replace newer work.
The payload itself is a SQLCipher file under the store's passphrase: nothing is ever in clear.

Writes are atomic and permission-first: a temporary file beside the target, mode 0600 before any
data, fsync, then ``os.replace``.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import shutil
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from storage import migrations
from storage.connection import connect
from storage.errors import BackupError, StorageError, StoreDamaged, StoreTooNew
from storage.records import new_uuid, utc_now
from storage.store import Store

MAGIC = b"FKBACKUP"
FORMAT_VERSION = 1
_PREFIX = struct.Struct(">8sHI")  # magic, format version, header length
_CHUNK = 1 << 20


@dataclass(frozen=True)
class BackupHeader:
    """What a backup says about itself (readable without the passphrase; holds no personal data)."""

    store_id: str
    schema_version: int
    audit_events: int
    audit_head: str
    created_at: str
    payload_size: int
    payload_sha256: str


def _sibling_temp(target: Path, tag: str) -> Path:
    return target.with_name(f".{target.name}.{tag}-{new_uuid()[:8]}.tmp")


def _private_folder(folder: Path) -> None:
    """Create ``folder`` and missing parents owner-only (0700), as the store's own folder is."""
    missing = []
    while not folder.exists() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for created in reversed(missing):
        with contextlib.suppress(FileExistsError):
            created.mkdir(mode=0o700)


def _remove_stale_temps(target: Path) -> None:
    """Temporary files an interrupted (killed) backup or restore to ``target`` left behind.

    note: they are encrypted and 0600, but they are copies of personal data nobody will use; a
    concurrent writer to the *same* target would lose its temporary file and fail, not corrupt.
    """
    if not target.parent.is_dir():
        return
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp*"):
        with contextlib.suppress(OSError):
            leftover.unlink()


@contextlib.contextmanager
def _private_files() -> Iterator[None]:
    """Files SQLite/SQLCipher create meanwhile (an export, its -wal/-shm) are owner-only.

    Why the umask: ``ATTACH`` creates the file itself with the default mode (0644 under the usual
    umask), so reserving the name 0600 first does not survive; an interrupted backup left a
    world-readable copy. The umask is per process; for this short window every file this process
    creates is 0600, which is never wrong for fieldkit.
    """
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _open_private(path: Path) -> int:
    """Create a file readable by its owner only, before a single byte is written."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)


def write_backup(store: Store, target: Path, passphrase: str) -> BackupHeader:
    """Write ``target`` atomically: the container with an encrypted copy of ``store`` inside."""
    _private_folder(target.parent)
    _remove_stale_temps(target)
    export = _sibling_temp(target, "export")
    partial = _sibling_temp(target, "partial")
    try:
        with _private_files():
            store.export_encrypted_copy(export, passphrase)
        digest = hashlib.sha256()
        with export.open("rb") as source:
            for chunk in iter(lambda: source.read(_CHUNK), b""):
                digest.update(chunk)
        count, head = store.audit_head()
        header = BackupHeader(
            store_id=store.store_id,
            schema_version=store.schema_version,
            audit_events=count,
            audit_head=head,
            created_at=utc_now(),
            payload_size=export.stat().st_size,
            payload_sha256=digest.hexdigest(),
        )
        header_bytes = json.dumps(header.__dict__, sort_keys=True).encode()
        fd = _open_private(partial)
        with os.fdopen(fd, "wb") as out, export.open("rb") as source:
            out.write(_PREFIX.pack(MAGIC, FORMAT_VERSION, len(header_bytes)))
            out.write(header_bytes)
            shutil.copyfileobj(source, out, _CHUNK)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
        return header
    finally:
        for leftover in (export, partial, Path(f"{export}-wal"), Path(f"{export}-shm")):
            leftover.unlink(missing_ok=True)


def read_header(source: Path) -> tuple[BackupHeader, int]:
    """The header and the payload's offset; a damaged or foreign file raises BackupError."""
    if not source.is_file():
        raise BackupError(f"No backup file at {source}.", code="backup.not_found")
    size = source.stat().st_size
    with source.open("rb") as handle:
        prefix = handle.read(_PREFIX.size)
        if len(prefix) < _PREFIX.size or prefix[:8] != MAGIC:
            raise BackupError(f"{source.name} is not a fieldkit backup.", code="backup.foreign")
        _, version, header_len = _PREFIX.unpack(prefix)
        if version > FORMAT_VERSION:
            raise BackupError(
                f"{source.name} was made by a newer fieldkit (backup format {version}).",
                code="backup.too_new",
            )
        try:
            header = BackupHeader(**json.loads(handle.read(header_len)))
        except (ValueError, TypeError):
            raise BackupError(
                f"{source.name} is damaged: its header is unreadable.", code="backup.damaged"
            ) from None
    offset = _PREFIX.size + header_len
    if size != offset + header.payload_size:
        raise BackupError(
            f"{source.name} is damaged: it holds {size - offset} bytes of data, the header promises "
            f"{header.payload_size} (the copy was probably cut short).",
            code="backup.truncated",
        )
    return header, offset


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did; ``kept_previous`` is where the replaced store now lies, if there was one."""

    header: BackupHeader
    kept_previous: Path | None


def _newer_reason(store_path: Path, passphrase: str, header: BackupHeader) -> str | None:
    """Why replacing the current store would lose work, or None if it would not."""
    try:
        current = Store.open(store_path, passphrase)
    except StorageError as exc:
        return f"the current store cannot be compared with the backup ({exc.message})"
    try:
        if current.store_id != header.store_id:
            return "the current store is a different store from the one in the backup"
        count, _ = current.audit_head()
        if count > header.audit_events:
            return f"the current store has {count - header.audit_events} change(s) made after the backup"
        return None
    finally:
        current.close()


def restore_backup(source: Path, store_path: Path, passphrase: str, *, force: bool = False) -> RestoreResult:
    """Check ``source`` completely, then put it in place of ``store_path`` (keeping the old file)."""
    header, offset = read_header(source)
    if header.schema_version > migrations.LATEST:
        raise StoreTooNew(
            f"{source.name} holds a store from a newer fieldkit (schema {header.schema_version})."
        )
    _private_folder(store_path.parent)
    _remove_stale_temps(store_path)
    staged = _sibling_temp(store_path, "restore")
    try:
        digest = hashlib.sha256()
        fd = _open_private(staged)
        with os.fdopen(fd, "wb") as out, source.open("rb") as handle:
            handle.seek(offset)
            for chunk in iter(lambda: handle.read(_CHUNK), b""):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != header.payload_sha256:
            raise BackupError(
                f"{source.name} is damaged: its content does not match its checksum.", code="backup.damaged"
            )
        with _private_files():
            db = connect(staged, passphrase, create=False)  # wrong passphrase fails here, nothing replaced
        try:
            problems = [row[0] for row in db.execute("PRAGMA cipher_integrity_check")]
            if problems or db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise StoreDamaged(f"The store inside {source.name} fails its integrity check.")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
        kept: Path | None = None
        if store_path.exists():
            reason = _newer_reason(store_path, passphrase, header)
            if reason and not force:
                raise BackupError(
                    f"Not restoring: {reason}. Use --force to replace it anyway "
                    "(the current store is kept beside it).",
                    code="backup.would_lose_data",
                )
            kept = store_path.with_name(f"{store_path.name}.replaced-{utc_now()[:19].replace(':', '')}")
            os.replace(store_path, kept)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{store_path}{suffix}")
                if side.exists():
                    os.replace(side, Path(f"{kept}{suffix}"))
        os.replace(staged, store_path)
        return RestoreResult(header=header, kept_previous=kept)
    finally:
        for leftover in (staged, Path(f"{staged}-wal"), Path(f"{staged}-shm")):
            leftover.unlink(missing_ok=True)
