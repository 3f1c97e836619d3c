"""Errors raised by the encrypted store.

Why a family of its own: ``storage`` may not import ``fieldkit`` (see ARCHITECTURE.md), yet the
application has to turn store failures into exit codes and clerk messages. Every error carries a
stable ``code`` and says whether the user can fix it; messages never contain names or ID numbers.
"""

from __future__ import annotations

from typing import Any


class StorageError(Exception):
    """Base of all store errors."""

    code = "store.error"
    user_facing = True

    def __init__(self, message: str, *, code: str | None = None, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.params = params


class StoreNotFound(StorageError):
    """No store file where one was expected."""

    code = "store.not_found"


class StoreExists(StorageError):
    """Refused to create a store over an existing file."""

    code = "store.exists"


class WrongPassphrase(StorageError):
    """The passphrase does not open the file (or the file is not a fieldkit store)."""

    code = "store.wrong_passphrase"


class StoreDamaged(StorageError):
    """The file is truncated, corrupt, or fails an integrity check."""

    code = "store.damaged"


class StoreTooNew(StorageError):
    """The file was written by a newer fieldkit whose schema this version does not know."""

    code = "store.too_new"


class StoreLocked(StorageError):
    """Another program holds the store."""

    code = "store.locked"


class NotFound(StorageError):
    """A record asked for by key does not exist."""

    code = "store.record_not_found"


class Conflict(StorageError):
    """A write would break a uniqueness rule (same ID number, same receipt number, ...)."""

    code = "store.conflict"


class BackupError(StorageError):
    """A backup file is missing, damaged, or would overwrite newer data."""

    code = "store.backup"


class ProgrammingError(StorageError):
    """The store was used wrongly by the calling code (a bug, not a user mistake)."""

    code = "store.programming"
    user_facing = False
