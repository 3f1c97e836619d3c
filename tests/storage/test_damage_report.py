"""A store with one flipped byte: ``store check`` says which pages and which table are damaged and
what to do, exit 1, and backup, re-key and audit verify answer with a clear message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit.identity.idnumber import check_character
from storage.records import Person
from storage.store import Store
from tests.conftest import PASSPHRASE


def _filled(store_file: Path) -> None:
    with Store.open(store_file, PASSPHRASE) as store, store.transaction("op"):
        for index in range(400):
            first17 = f"1101051950{index % 12 + 1:02d}{index % 28 + 1:02d}{index % 1000:03d}"
            store.people.add(Person(id_number=first17 + check_character(first17), name=f"人{index}" * 20))


def test_a_flipped_byte_is_named_with_the_table_and_the_advice(  # type: ignore[no-untyped-def]
    cli, store_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIELDKIT_NEW_PASSPHRASE", "another long passphrase 16")
    _filled(store_file)
    data = bytearray(store_file.read_bytes())
    data[len(data) // 2] ^= 0x01
    store_file.write_bytes(bytes(data))
    before = store_file.read_bytes()
    checked = cli("store", "check")
    assert checked.code == 1 and "Traceback" not in checked.err
    assert "fails its integrity check" in checked.out and "damaged data in table " in checked.out
    assert "restore" in checked.out and "backup" in checked.out
    backup = cli("store", "backup", str(tmp_path / "b.fkb"))
    assert backup.code == 1 and "damaged" in backup.err and not (tmp_path / "b.fkb").exists()
    rekey = cli("store", "passphrase")
    assert rekey.code == 1 and "damaged" in rekey.err
    assert cli("audit", "verify").code in (0, 1)
    assert store_file.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
