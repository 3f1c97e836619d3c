"""One small database interface for headquarters, over SQLite (a file) or PostgreSQL (a URL).

Why not an ORM: headquarters needs a dozen plain statements, and the rules that matter (one
transaction per batch, byte-exact record comparison) are easier to see in SQL. The statements are
written once with ``?`` placeholders in the common subset of both dialects; this module turns the
placeholders into psycopg's ``%s`` and gives both the same transaction and cursor behaviour.

Why a pool on PostgreSQL (``psycopg_pool``) and one connection under a lock on SQLite: at the end of
the day tens of laptops sync at once, and one PostgreSQL connection under a lock made them queue
(10 laptops x 1,000 records: 11 s). Each unit of work now takes its own connection; the rules that
relied on the lock rely on the database instead: unique keys (a record version, a nonce, a batch),
row locks (an upload, a review), and :meth:`Database.serialize` (transaction advisory locks) where
a rule reads before it writes. SQLite has one writer anyway, so it keeps one connection.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from fieldkit.errors import UserError

DIALECTS = ("sqlite", "postgresql")
POOL_ENV = "FIELDKIT_HQ_POOL_SIZE"
DEFAULT_POOL_SIZE = 10


class Cursor(Protocol):
    """The part of a DB-API cursor headquarters uses."""

    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


def _redact(url: str) -> str:
    """A database URL without its password (for error messages)."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    return f"{scheme}://{credentials.split(':', 1)[0]}:***@{host}"


class Rows:
    """A statement's rows, read before its pooled connection went back (fetch works afterwards)."""

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self._rows = rows
        self._next = 0
        self.rowcount = rowcount

    def fetchone(self) -> Any:
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[Any]:
        rest, self._next = self._rows[self._next :], len(self._rows)
        return rest

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class Database:
    """SQLite: one connection under a re-entrant lock. PostgreSQL: a pool; a unit of work (one
    statement, or one :meth:`transaction` with everything nested in it) holds one connection."""

    def __init__(self, connection: Any, dialect: str, description: str, *, pool: Any = None) -> None:
        self._connection = connection  # note: SQLite only; PostgreSQL connections come from the pool
        self.pool = pool
        self.dialect = dialect
        self.description = description
        # note: on SQLite every statement and transaction runs under it (one writer); on PostgreSQL
        # nothing takes it but bulk loads that want to run one at a time in a process
        self.lock = threading.RLock()
        self._local = threading.local()  # the thread's transaction: connection and nesting depth

    @property
    def connection(self) -> Any:
        """The connection of the current unit of work (PostgreSQL: only inside :meth:`transaction`)."""
        if self.pool is None:
            return self._connection
        current = getattr(self._local, "connection", None)
        if current is None:
            raise RuntimeError("a pooled PostgreSQL connection is only lent inside db.transaction()")
        return current

    @property
    def _depth(self) -> int:
        return int(getattr(self._local, "depth", 0))

    @property
    def in_transaction(self) -> bool:
        """True inside :meth:`transaction` on this thread."""
        return self._depth > 0

    def is_unique_violation(self, exc: BaseException) -> bool:
        """True if ``exc`` is a unique key refusing a row another transaction committed first."""
        if self.dialect == "postgresql":
            from psycopg import errors

            return isinstance(exc, errors.UniqueViolation)
        return isinstance(exc, sqlite3.IntegrityError) and "UNIQUE" in str(exc)

    # -- statements -------------------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        if self.dialect == "postgresql":
            if "%" in sql:
                raise ValueError("a literal % in headquarters SQL would be read as a placeholder")
            return sql.replace("?", "%s")
        return sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement (inside or outside :meth:`transaction`)."""
        if self.pool is None:
            reader = getattr(self._local, "reader", None)
            if reader is not None:  # note: inside snapshot(): its own connection, no writer lock
                read: Cursor = reader.execute(sql, tuple(params))
                return read
            with self.lock:
                cursor: Cursor = self._connection.execute(sql, tuple(params))
                return cursor
        if self._depth:
            result: Cursor = self._local.connection.execute(self._sql(sql), tuple(params))
            return result
        with self.pool.connection() as connection:
            pg_cursor = connection.execute(self._sql(sql), tuple(params))
            rows = pg_cursor.fetchall() if pg_cursor.description is not None else []
            return Rows(rows, pg_cursor.rowcount)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for many parameter rows (bulk loads; psycopg pipelines them)."""
        if self.pool is None:
            with self.lock:
                self._connection.executemany(sql, rows)
            return
        with self.transaction(), self.connection.cursor() as cursor:
            cursor.executemany(self._sql(sql), [tuple(r) for r in rows])

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, or None."""
        row = self.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def serialize(self, name: str) -> None:
        """Inside a transaction: wait until no other transaction holding ``name`` is open, and hold it
        until this one ends (PostgreSQL transaction advisory lock; SQLite has one writer anyway).

        Why: rules that read before they write (a device's sequence numbers and audit chain, the
        order of decision numbers) were safe under one connection and a lock; with a pool they are
        safe per name only if the transactions touching that name take turns.
        """
        if not self._depth:
            raise RuntimeError("db.serialize() holds its lock until commit: call it inside a transaction")
        if self.dialect == "postgresql":
            self.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 18))", (name,))

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """All or nothing; nested calls join the outer transaction (same connection, or the lock)."""
        if self._depth:
            self._local.depth += 1
            try:
                yield self
            finally:
                self._local.depth -= 1
            return
        if self.pool is not None:
            with self.pool.connection() as connection:
                self._local.connection, self._local.depth = connection, 1
                try:
                    with connection.transaction():
                        yield self
                finally:
                    self._local.connection, self._local.depth = None, 0
            return
        with self.lock:
            self._local.depth = 1
            try:
                self._connection.execute("BEGIN IMMEDIATE")
                try:
                    yield self
                except BaseException:
                    self._connection.execute("ROLLBACK")
                    raise
                self._connection.execute("COMMIT")
            finally:
                self._local.depth = 0

    @contextmanager
    def snapshot(self) -> Iterator[Database]:
        """Read-only work on one consistent view of the database that never holds up a writer.

        Why: a region's work package reads thousands of rows for seconds; inside a write
        transaction (SQLite's lock, or the one PostgreSQL connection) every upload waited for it.
        PostgreSQL: a pooled connection in a REPEATABLE READ READ ONLY transaction (a write in it is
        refused). SQLite: a second connection to the WAL file, ``query_only``, in a deferred
        transaction — its view is fixed at its first read while the writer goes on.
        """
        if self._depth:
            raise RuntimeError("db.snapshot() is its own unit of work, not part of a transaction")
        if self.pool is not None:
            with self.pool.connection() as connection:
                self._local.connection, self._local.depth = connection, 1
                try:
                    with connection.transaction():
                        connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                        yield self
                finally:
                    self._local.connection, self._local.depth = None, 0
            return
        reader = sqlite3.connect(self.description, isolation_level=None, check_same_thread=False)
        try:
            reader.execute("PRAGMA query_only = ON")
            reader.execute("PRAGMA busy_timeout = 10000")
            reader.execute("BEGIN")
            self._local.reader, self._local.depth = reader, 1
            try:
                yield self
            finally:
                self._local.reader, self._local.depth = None, 0
                reader.execute("ROLLBACK")
        finally:
            reader.close()

    # -- dialect differences ----------------------------------------------------------------------
    def ddl(self, statement: str) -> str:
        """Fill the dialect's type names into a schema statement."""
        if self.dialect == "postgresql":
            return statement.format(blob="BYTEA", serial="BIGSERIAL PRIMARY KEY", bigint="BIGINT")
        return statement.format(blob="BLOB", serial="INTEGER PRIMARY KEY AUTOINCREMENT", bigint="INTEGER")

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            return
        with self.lock:
            self._connection.close()


def _connect_sqlite(path: Path) -> Database:
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA busy_timeout = 10000")
    return Database(connection, "sqlite", str(path))


def pool_size() -> int:
    """Connections one process may hold at once ($FIELDKIT_HQ_POOL_SIZE, default 10)."""
    text = os.environ.get(POOL_ENV, "")
    if not text:
        return DEFAULT_POOL_SIZE
    if not text.isdigit() or not 1 <= int(text) <= 1000:
        raise UserError(f"${POOL_ENV} must be a number of connections from 1 to 1000.", code="hq.bad_pool")
    return int(text)


def _connect_postgresql(url: str) -> Database:
    import psycopg
    from psycopg_pool import ConnectionPool

    try:  # note: one plain connection first, so an unreachable server is a clear message at once
        psycopg.connect(url, autocommit=True, connect_timeout=10).close()
    except psycopg.Error as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UserError(
            f"Cannot connect to the headquarters database {_redact(url)}: {first_line}",
            code="hq.db_unreachable",
        ) from None
    pool = ConnectionPool(
        url,
        min_size=1,
        max_size=pool_size(),
        kwargs={"autocommit": True, "connect_timeout": 10},
        check=ConnectionPool.check_connection,  # note: a connection dropped by the server is replaced
        name="fieldkit-hq",
        open=True,
    )
    return Database(None, "postgresql", _redact(url), pool=pool)


def connect(url: str | Path) -> Database:
    """Open ``postgresql://…`` / ``postgres://…`` URLs with psycopg, anything else as a SQLite file."""
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        return _connect_postgresql(text)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    elif "://" in text:
        raise UserError(
            f"Unsupported database URL {_redact(text)}: use a file path, sqlite:///PATH or postgresql://…",
            code="hq.bad_db_url",
        )
    return _connect_sqlite(Path(text))
