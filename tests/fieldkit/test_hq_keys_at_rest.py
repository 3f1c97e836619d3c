"""Headquarters' private keys at rest: owner-only files outside the database, locked with the HQ
passphrase; a wrong passphrase is refused; rotation keeps old batches readable; keys left in the
table by an older fieldkit are moved out on first start."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from fieldkit.hq import keys
from fieldkit.hq.key_vault import KEYRING_FILE, PASSPHRASE_ENV
from fieldkit.hq.store import HqStore
from fieldkit.wire.envelope import batch_recipient
from fieldkit.wire.keys import key_id, read_hq_keys
from storage.records import Person
from storage.store import Store
from tests.conftest import PASSPHRASE


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _all_table_bytes(hq: HqStore) -> bytes:
    """Every value of every table of the HQ database, as bytes (to look for a key in it)."""
    if hq.db.dialect == "postgresql":
        tables = [r[0] for r in hq.db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    else:
        tables = [r[0] for r in hq.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    found = bytearray()
    for table in tables:
        for row in hq.db.execute(f"SELECT * FROM {table}").fetchall():
            for value in row:
                found += bytes(value) if isinstance(value, (bytes, memoryview)) else str(value).encode()
                found += b"\n"
    return bytes(found)


def _private_keys(home: Path) -> list[bytes]:
    hq = HqStore.open(home)
    try:
        vault = keys.unlock(hq)
        assert vault is not None
        return [vault.private_bytes(kind, k) for kind in ("x25519", "ed25519") for k in vault.ids(kind)]
    finally:
        hq.close()


def test_keys_live_in_owner_only_encrypted_files_never_in_a_table(hq_home: Path) -> None:
    folder = hq_home / "keys"
    assert _mode(hq_home) == 0o700 and _mode(folder) == 0o700
    if (hq_home / "hq.db").exists():  # SQLite (with PostgreSQL the database is elsewhere)
        assert _mode(hq_home / "hq.db") == 0o600
    files = sorted(folder.iterdir())
    assert [p.name for p in files if p.suffix == ".key"] and (folder / KEYRING_FILE) in files
    assert all(_mode(p) == 0o600 for p in files)
    secrets = _private_keys(hq_home)
    assert len(secrets) == 2
    on_disk = b"".join(p.read_bytes() for p in files)
    hq = HqStore.open(hq_home)
    try:
        in_tables = _all_table_bytes(hq)
    finally:
        hq.close()
    for secret in secrets:
        for form in (secret, secret.hex().encode()):
            assert form not in on_disk, "a private key is stored in clear in the key folder"
            assert form not in in_tables, "a private key is in a database table"


def test_wrong_or_missing_passphrase_is_refused(store_file: Path, cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    hq = tmp_path / "hq"
    assert cli("hq", "--hq-home", str(hq), "init").code == 0
    batch = tmp_path / "b.fkbatch"
    with Store.open(store_file, PASSPHRASE) as store, store.transaction("op"):
        store.people.add(Person(id_number="130402195306151228", name="测试"))
    assert cli("export-batch", str(batch), "--hq-key", str(hq / "hq_public.key")).code == 0
    monkeypatch.setenv(PASSPHRASE_ENV, "not the passphrase at all")
    wrong = cli("hq", "--hq-home", str(hq), "import-batch", str(batch))
    assert wrong.code == 1 and "Wrong headquarters passphrase" in wrong.err and "Traceback" not in wrong.err
    monkeypatch.delenv(PASSPHRASE_ENV)
    missing = cli("hq", "--hq-home", str(hq), "import-batch", str(batch))  # no terminal, no variable
    assert missing.code == 1 and PASSPHRASE_ENV in missing.err
    from fieldkit.hq.server import create_app

    monkeypatch.setenv(PASSPHRASE_ENV, "not the passphrase at all")
    with pytest.raises(Exception, match="Wrong headquarters passphrase"):
        create_app(hq)  # the server refuses to start rather than fail at the first batch


def test_weak_new_passphrase_refused(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(PASSPHRASE_ENV, "short")
    result = cli("hq", "--hq-home", str(tmp_path / "hq"), "init")
    assert result.code == 1 and "at least" in result.err
    assert not (tmp_path / "hq" / "keys" / KEYRING_FILE).exists()


def _export(cli: Any, store_file: Path, target: Path, key_file: Path, number: str) -> None:
    with Store.open(store_file, PASSPHRASE) as store, store.transaction("op"):
        store.people.add(Person(id_number=number, name="测试"))
    assert cli("export-batch", str(target), "--hq-key", str(key_file)).code == 0


def test_rotate_keys_keeps_old_batches_readable(store_file: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hq = tmp_path / "hq"
    assert cli("hq", "--hq-home", str(hq), "init").code == 0
    old_public = read_hq_keys(hq / "hq_public.key")
    old_copy = tmp_path / "old_hq_public.key"
    old_copy.write_bytes((hq / "hq_public.key").read_bytes())
    public = re.search(r"public key\s+([0-9a-f]{64})", cli("device-key").out)
    assert public
    assert (
        cli(
            "hq", "--hq-home", str(hq), "register-device", "--public-key", public.group(1), "--name", "t"
        ).code
        == 0
    )
    old_batch = tmp_path / "old.fkbatch"
    _export(cli, store_file, old_batch, old_copy, "130402195306151228")

    rotated = cli("hq", "--hq-home", str(hq), "rotate-keys")
    assert rotated.code == 0 and "old keys are kept" in rotated.out
    new_public = read_hq_keys(hq / "hq_public.key")
    assert new_public.encryption != old_public.encryption and new_public.signing != old_public.signing
    new_batch = tmp_path / "new.fkbatch"
    _export(cli, store_file, new_batch, hq / "hq_public.key", "11010519491231002X")
    assert batch_recipient(old_batch.read_bytes()) == key_id(old_public.encryption)
    assert batch_recipient(new_batch.read_bytes()) == key_id(new_public.encryption)

    assert cli("hq", "--hq-home", str(hq), "import-batch", str(old_batch)).code == 0
    second = cli("hq", "--hq-home", str(hq), "import-batch", str(new_batch))
    assert second.code == 0 and "1 accepted" in second.out
    ring = json.loads((hq / "keys" / KEYRING_FILE).read_text())
    assert len(ring["keys"]["x25519"]) == 2 and len(ring["keys"]["ed25519"]) == 2


def test_keys_in_the_table_are_moved_out_on_first_start(tmp_path: Path, cli, hq_backend: str) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "hq"
    legacy_x, legacy_ed = X25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    hq = HqStore.open(home, create=True)  # as fieldkit before the key folder left it
    hq.set_meta("hq_private_key", legacy_x.private_bytes_raw().hex())
    hq.set_meta("hq_signing_key", legacy_ed.private_bytes_raw().hex())
    hq.close()

    result = cli("hq", "--hq-home", str(home), "devices")
    assert result.code == 0 and "moved out of the database" in result.err
    hq = HqStore.open(home)
    try:
        assert hq.meta("hq_private_key") is None and hq.meta("hq_signing_key") is None
        assert legacy_x.private_bytes_raw().hex().encode() not in _all_table_bytes(hq)
        assert keys.load_hq_key(hq).private_bytes_raw() == legacy_x.private_bytes_raw()
        assert keys.load_hq_signing_key(hq).private_bytes_raw() == legacy_ed.private_bytes_raw()
    finally:
        hq.close()
    again = cli("hq", "--hq-home", str(home), "devices")
    assert again.code == 0 and "moved" not in again.err


def test_swapped_or_altered_key_files_are_refused(tmp_path: Path) -> None:
    from fieldkit.errors import UserError

    home = tmp_path / "hq"
    hq = HqStore.open(home, create=True)
    keys.create_hq_key(hq)
    hq.close()
    folder = home / "keys"
    x_file = next(folder.glob("x25519-*.key"))
    ed_file = next(folder.glob("ed25519-*.key"))
    original = x_file.read_bytes()
    x_file.write_bytes(ed_file.read_bytes())  # a valid sealed key, but not this one
    hq = HqStore.open(home)
    try:
        with pytest.raises(UserError) as swapped:
            keys.load_hq_key(hq)
        assert swapped.value.code == "hq.key_damaged"
    finally:
        hq.close()
    x_file.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
    hq = HqStore.open(home)
    try:
        with pytest.raises(UserError, match="altered"):
            keys.load_hq_key(hq)
    finally:
        hq.close()
    ring = json.loads((folder / KEYRING_FILE).read_text())
    ring["keys"]["x25519"] = ["../../etc/passwd"]
    (folder / KEYRING_FILE).write_text(json.dumps(ring))
    hq = HqStore.open(home)
    try:
        with pytest.raises(UserError) as path_like:
            keys.load_hq_key(hq)
        assert path_like.value.code == "hq.key_damaged"
    finally:
        hq.close()
