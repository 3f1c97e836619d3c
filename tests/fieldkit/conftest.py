"""Fixtures shared by the headquarters and sync tests.

Every test that uses ``hq_home`` runs twice: on a SQLite file and on a fresh database of a real
PostgreSQL server (``$FIELDKIT_TEST_POSTGRES``, which ``.ci/run`` starts). ``$FIELDKIT_HQ_DB`` points
every ``HqStore.open`` in the process at that database, so CLI commands and servers started by the
test use it too. Without a server the PostgreSQL half is skipped, unless
``$FIELDKIT_REQUIRE_POSTGRES`` is set (CI), where it fails instead.
"""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

from fieldkit.hq.keys import create_hq_key, public_key_text
from fieldkit.hq.store import DB_ENV, HqStore
from fieldkit.wire.keys import PUBLIC_FILE
from tests.http_server import HQ_PASSPHRASE

assert HQ_PASSPHRASE  # note: the import sets $FIELDKIT_HQ_PASSPHRASE for every HQ these tests make

POSTGRES_ENV = "FIELDKIT_TEST_POSTGRES"


def _postgres_database() -> Generator[str, None, None]:
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        if os.environ.get("FIELDKIT_REQUIRE_POSTGRES"):
            pytest.fail(f"${POSTGRES_ENV} is not set but FIELDKIT_REQUIRE_POSTGRES is")
        pytest.skip(f"no PostgreSQL server: set ${POSTGRES_ENV} (see .ci/start-postgres)")
    import psycopg

    name = f"fieldkit_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = server.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _track_opened_stores(monkeypatch: pytest.MonkeyPatch) -> list[HqStore]:
    """Every HqStore the test opens (directly, through the CLI or a server it starts)."""
    opened: list[HqStore] = []
    real_open = HqStore.open.__func__  # type: ignore[attr-defined]

    def tracked(cls: type[HqStore], *args: object, **kwargs: object) -> HqStore:
        store = real_open(cls, *args, **kwargs)
        opened.append(store)
        return store

    monkeypatch.setattr(HqStore, "open", classmethod(tracked))
    return opened


def _close_left_open(opened: list[HqStore], test: str) -> None:
    """Why: a pool left open keeps reconnecting in its threads after the test database is dropped
    ("database does not exist" in the log of a later test). A store the test forgot is closed here
    and named, so the leak is visible where it happens instead of in someone else's output."""
    left = [store for store in opened if store.db.pool is not None and not store.db.pool.closed]
    for store in left:
        store.close()
    if left:
        warnings.warn(
            f"{test} left {len(left)} HQ store(s) open; closed before dropping its database", stacklevel=1
        )


@pytest.fixture(params=["sqlite", "postgresql"])
def hq_backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The HQ database backend of this run of the test ("sqlite" or "postgresql")."""
    if request.param == "postgresql":
        databases = _postgres_database()
        monkeypatch.setenv(DB_ENV, next(databases))
        opened = _track_opened_stores(monkeypatch)
        yield "postgresql"
        _close_left_open(opened, request.node.nodeid)
        databases.close()
    else:
        monkeypatch.delenv(DB_ENV, raising=False)
        yield "sqlite"


@pytest.fixture
def hq_home(tmp_path: Path, hq_backend: str) -> Path:
    home = tmp_path / "hq"
    hq = HqStore.open(home, create=True)
    create_hq_key(hq)
    (home / PUBLIC_FILE).write_text(public_key_text(hq))
    hq.close()
    return home
