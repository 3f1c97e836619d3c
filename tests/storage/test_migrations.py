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


def test_step_5_takes_the_first_print_over_from_meta(store: Store) -> None:
    """Version 4 kept "the original was printed" as a meta row per receipt; step 5 moves it to a column."""
    from storage.records import Person, Receipt

    with store.transaction("op"):
        person = store.people.add(Person(id_number="11010519491231002X", name="测试"))
        for number in ("ABC-2026-R000001", "ABC-2026-R000002"):
            store.receipts.add(Receipt(number, "enrollment", number, person.uuid, b"p", b"s"))
    db = store._session.db
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('receipt_printed:ABC-2026-R000001', '2026-11-28T01:00:00Z')"
    )
    step_5 = next(m for m in migrations.MIGRATIONS if m.version == 5)
    step_5.step(db)
    step_5.step(db)  # idempotent
    assert store.receipts.first_printed_at("ABC-2026-R000001") == "2026-11-28T01:00:00Z"
    assert store.receipts.first_printed_at("ABC-2026-R000002") is None
    with store.transaction("op"):
        store.receipts.mark_printed("ABC-2026-R000002")
        first = store.receipts.first_printed_at("ABC-2026-R000002")
        store.receipts.mark_printed("ABC-2026-R000002")  # a second mark keeps the first time
    assert first is not None and store.receipts.first_printed_at("ABC-2026-R000002") == first
