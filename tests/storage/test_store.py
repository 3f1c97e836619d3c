"""The encrypted file itself: creation, opening, wrong keys, damage, durability, re-keying."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from storage.errors import ProgrammingError, StoreDamaged, StoreExists, StoreNotFound, WrongPassphrase
from storage.records import Person
from storage.store import Store
from tests.conftest import PASSPHRASE

NAME, ID_NUMBER = "张秀英", "130402195306151228"


def _files(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def test_create_then_open_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store.create(path, PASSPHRASE) as store, store.transaction("t"):
        store.people.add(Person(id_number=ID_NUMBER, name=NAME))
    with Store.open(path, PASSPHRASE) as store:
        person = store.people.find_by_id_number(ID_NUMBER)
        assert person is not None and person.name == NAME


def test_create_refuses_existing_file(store_file: Path) -> None:
    before = _files(store_file.parent)
    with pytest.raises(StoreExists):
        Store.create(store_file, PASSPHRASE)
    assert _files(store_file.parent) == before


def test_open_missing_file_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFound):
        Store.open(tmp_path / "nope.db", PASSPHRASE)
    assert list(tmp_path.iterdir()) == []


def test_wrong_passphrase_is_clear_and_changes_nothing(store_file: Path) -> None:
    before = _files(store_file.parent)
    with pytest.raises(WrongPassphrase) as info:
        Store.open(store_file, "not the passphrase")
    assert "passphrase" in info.value.message
    assert _files(store_file.parent) == before


@pytest.mark.parametrize("quote", ["it's", "a''b", "x' OR '1'='1", "中文口令 with spaces"])
def test_passphrases_with_quotes_and_unicode(tmp_path: Path, quote: str) -> None:
    path = tmp_path / "q.db"
    Store.create(path, quote).close()
    Store.open(path, quote).close()
    with pytest.raises(WrongPassphrase):
        Store.open(path, quote + "!")


def test_truncated_file_is_named_damaged(store_file: Path) -> None:
    data = store_file.read_bytes()
    store_file.write_bytes(data[: len(data) // 2 + 100])
    with pytest.raises(StoreDamaged) as info:
        Store.open(store_file, PASSPHRASE)
    assert info.value.code == "store.truncated"


def test_empty_and_plain_sqlite_files_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(StoreDamaged):
        Store.open(empty, PASSPHRASE)
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(StoreDamaged) as info:
        Store.open(plain, PASSPHRASE)
    assert info.value.code == "store.not_encrypted"


def test_random_bytes_fail_cleanly(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(bytes(range(256)) * 64)
    with pytest.raises((WrongPassphrase, StoreDamaged)):
        Store.open(junk, PASSPHRASE)


def test_flipped_page_is_found_by_check(store_file: Path) -> None:
    with Store.open(store_file, PASSPHRASE) as store, store.transaction("t"):
        for i in range(300):
            store.people.add(Person(id_number=f"X{i:017d}", name=f"n{i}"))
    data = bytearray(store_file.read_bytes())
    data[4096 * 3 + 500] ^= 0xFF  # one byte inside the fourth page
    store_file.write_bytes(bytes(data))
    try:
        store = Store.open(store_file, PASSPHRASE)
    except StoreDamaged:
        return  # also acceptable: the damage is found while opening
    with store:
        assert any("encryption" in p or "structure" in p or "failed" in p for p in store.check())


def test_file_is_unreadable_without_the_key(store_file: Path) -> None:
    with Store.open(store_file, PASSPHRASE) as store, store.transaction("t"):
        store.people.add(Person(id_number=ID_NUMBER, name=NAME, address="河北省邯郸市丛台区"))
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(store_file).execute("SELECT * FROM sqlite_master").fetchall()
    for path in store_file.parent.iterdir():  # main file and any WAL/SHM beside it
        blob = path.read_bytes()
        for secret in (ID_NUMBER, NAME, "邯郸"):
            assert secret.encode("utf-8") not in blob, path.name
            assert secret.encode("utf-16-le") not in blob, path.name


def test_durability_settings(store: Store) -> None:
    db = store._session.db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY


def test_transaction_is_all_or_nothing(store: Store) -> None:
    events_before = store.audit_head()[0]
    with pytest.raises(RuntimeError), store.transaction("t"):
        store.people.add(Person(id_number=ID_NUMBER, name=NAME))
        raise RuntimeError("power cut")
    assert store.people.count() == 0
    assert store.audit_head()[0] == events_before
    assert store.outbox.pending_count() == 0


def test_writes_outside_a_transaction_are_refused(store: Store) -> None:
    with pytest.raises(ProgrammingError):
        store.people.add(Person(id_number=ID_NUMBER, name=NAME))


def test_every_write_is_audited_and_travelling_records_queued(store: Store) -> None:
    count, _ = store.audit_head()
    with store.transaction("op-1"):
        person = store.people.add(Person(id_number=ID_NUMBER, name=NAME))
    events = store.audit_events()
    assert len(events) == count + 1
    assert (events[-1].actor, events[-1].action, events[-1].record_uuid) == (
        "op-1",
        "person.add",
        person.uuid,
    )
    assert [e.record_uuid for e in store.outbox.pending()] == [person.uuid]


def test_change_passphrase_rekeys_in_place(store_file: Path) -> None:
    with Store.open(store_file, PASSPHRASE) as store:
        with store.transaction("t"):
            store.people.add(Person(id_number=ID_NUMBER, name=NAME))
        store.change_passphrase("a brand new passphrase")
    with pytest.raises(WrongPassphrase):
        Store.open(store_file, PASSPHRASE)
    with Store.open(store_file, "a brand new passphrase") as store:
        assert store.people.count() == 1
        assert store.audit_events()[-1].action == "store.rekey"
        assert store.check() == []
