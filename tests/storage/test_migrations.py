"""Schema upgrades: a real schema-1 file (kept in tests/data) opens and upgrades; newer is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from storage import migrations
from storage.errors import StoreTooNew
from storage.store import Store
from tests.conftest import PASSPHRASE

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "store_v1.db"


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    target = tmp_path / "old.db"
    shutil.copyfile(FIXTURE, target)
    return target


def test_schema_1_file_opens_and_upgrades(old_store: Path) -> None:
    with Store.open(old_store, PASSPHRASE) as store:
        assert store.upgraded_from == 1
        assert store.schema_version == migrations.LATEST
        assert store.people.count() == 25  # data written by schema 1 is still there
        assert store.outbox.pending_count() == 0  # a table that schema 2 added
        assert store.verify_audit().ok
        assert store.audit_events()[-1].action == "store.upgrade"
    with Store.open(old_store, PASSPHRASE) as store:  # a second open has nothing left to do
        assert store.upgraded_from is None


def test_migrate_is_idempotent(store: Store) -> None:
    db = store._session.db
    assert migrations.migrate(db) == []
    for migration in migrations.MIGRATIONS:  # re-running a step's statements changes nothing
        migration.step(db)
    assert migrations.current_version(db) == migrations.LATEST


def test_every_step_has_a_description() -> None:
    versions = [m.version for m in migrations.MIGRATIONS]
    assert versions == list(range(1, len(versions) + 1))
    assert all(m.description for m in migrations.MIGRATIONS)


def test_newer_store_is_refused_clearly(store_file: Path) -> None:
    with Store.open(store_file, PASSPHRASE) as store:
        store._session.db.execute(
            "INSERT INTO schema_version (version, applied_at, description) VALUES (?, 'x', 'future')",
            (migrations.LATEST + 5,),
        )
    with pytest.raises(StoreTooNew) as info:
        Store.open(store_file, PASSPHRASE)
    assert "newer fieldkit" in info.value.message
