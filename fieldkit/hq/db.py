"""One small database interface for headquarters, over SQLite (a file) or PostgreSQL (a URL).

Why not an ORM: headquarters needs a dozen plain statements, and the rules that matter (one
transaction per batch, byte-exact record comparison) are easier to see in SQL. The statements are
written once with ``?`` placeholders in the common subset of both dialects; this module turns the
placeholders into psycopg's ``%s`` and gives both the same transaction and cursor behaviour.

Why one connection under a lock: a headquarters serves tens of laptops, each sending a batch every
few hours; serialising writes costs nothing there and keeps intake free of races between two
uploads of the same record.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from fieldkit.errors import UserError

DIALECTS = ("sqlite", "postgresql")


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


class Database:
    """A connection, its dialect, and a re-entrant lock every caller takes around its work."""

    def __init__(self, connection: Any, dialect: str, description: str) -> None:
        self.connection = connection
        self.dialect = dialect
        self.description = description
        self.lock = threading.RLock()
        self._depth = 0

    # -- statements -------------------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        if self.dialect == "postgresql":
            if "%" in sql:
                raise ValueError("a literal % in headquarters SQL would be read as a placeholder")
            return sql.replace("?", "%s")
        return sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement (inside or outside :meth:`transaction`)."""
        with self.lock:
            cursor: Cursor = self.connection.execute(self._sql(sql), tuple(params))
            return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for many parameter rows (bulk loads)."""
        with self.lock:
            if self.dialect == "postgresql":
                with self.connection.cursor() as cursor:
                    cursor.executemany(self._sql(sql), [tuple(r) for r in rows])
            else:
                self.connection.executemany(sql, rows)

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, or None."""
        row = self.execute(sql, params).fetchone()
        return None if row is None else row[0]

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """All or nothing; nested calls join the outer transaction (and hold the lock throughout)."""
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            self._depth = 1
            try:
                if self.dialect == "postgresql":
                    with self.connection.transaction():
                        yield self
                else:
                    self.connection.execute("BEGIN IMMEDIATE")
                    try:
                        yield self
                    except BaseException:
                        self.connection.execute("ROLLBACK")
                        raise
                    self.connection.execute("COMMIT")
            finally:
                self._depth = 0

    # -- dialect differences ----------------------------------------------------------------------
    def ddl(self, statement: str) -> str:
        """Fill the dialect's type names into a schema statement."""
        if self.dialect == "postgresql":
            return statement.format(blob="BYTEA", serial="BIGSERIAL PRIMARY KEY", bigint="BIGINT")
        return statement.format(blob="BLOB", serial="INTEGER PRIMARY KEY AUTOINCREMENT", bigint="INTEGER")

    def close(self) -> None:
        with self.lock:
            self.connection.close()


def _connect_sqlite(path: Path) -> Database:
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA busy_timeout = 10000")
    return Database(connection, "sqlite", str(path))


def _connect_postgresql(url: str) -> Database:
    import psycopg

    try:
        connection = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UserError(
            f"Cannot connect to the headquarters database {_redact(url)}: {first_line}",
            code="hq.db_unreachable",
        ) from None
    return Database(connection, "postgresql", _redact(url))


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
