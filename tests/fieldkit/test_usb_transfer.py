"""The USB route end to end: laptop exports a batch, headquarters imports it — once, idempotently,
refusing tampered files, unknown and revoked devices, and reporting records that never arrived."""

from __future__ import annotations

import re
from pathlib import Path

from storage.records import Person
from storage.store import Store
from tests.conftest import PASSPHRASE


def _people(store_file: Path, numbers: list[str]) -> None:
    with Store.open(store_file, PASSPHRASE) as store, store.transaction("op"):
        for number in numbers:
            store.people.add(Person(id_number=number, name="测试"))


def test_export_import_idempotent_and_refusals(store_file: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hq = tmp_path / "hq"
    assert cli("hq", "--hq-home", str(hq), "init").code == 0
    assert cli("hq", "--hq-home", str(hq), "init").code == 1  # never replaces the key
    hq_key = hq / "hq_public.key"
    _people(store_file, ["130402195306151228", "11010519491231002X"])
    batch = tmp_path / "day1.fkbatch"
    assert cli("export-batch", str(batch), "--hq-key", str(hq_key)).code == 0

    unknown = cli("hq", "--hq-home", str(hq), "import-batch", str(batch))
    assert unknown.code == 1 and "unknown device" in unknown.err
    device = cli("device-key").out
    public = re.search(r"public key\s+([0-9a-f]{64})", device)
    key_id = re.search(r"device key id ([0-9a-f]{16})", device)
    assert public and key_id
    assert (
        cli(
            "hq", "--hq-home", str(hq), "register-device", "--public-key", public.group(1), "--name", "team 3"
        ).code
        == 0
    )

    first = cli("hq", "--hq-home", str(hq), "import-batch", str(batch))
    assert first.code == 0 and "2 accepted" in first.out
    again = cli("hq", "--hq-home", str(hq), "import-batch", str(batch))
    assert again.code == 0 and "2 already_had" in again.out and "seen before" in again.out

    tampered = tmp_path / "tampered.fkbatch"
    data = bytearray(batch.read_bytes())
    data[-30] ^= 0x40
    tampered.write_bytes(bytes(data))
    refused = cli("hq", "--hq-home", str(hq), "import-batch", str(tampered))
    assert refused.code == 1 and "altered" in refused.err

    _people(store_file, ["440524195001010012"])
    lost = tmp_path / "lost.fkbatch"  # day 2 is exported but never arrives...
    assert cli("export-batch", str(lost), "--hq-key", str(hq_key)).code == 0
    _people(store_file, ["370102194805050010"])
    day3 = tmp_path / "day3.fkbatch"
    assert cli("export-batch", str(day3), "--hq-key", str(hq_key)).code == 0
    # ...day 3 re-sends everything still unacknowledged, so nothing is missing at HQ afterwards
    third = cli("hq", "--hq-home", str(hq), "import-batch", str(day3))
    assert third.code == 0 and "2 accepted" in third.out and "missing" not in third.out

    assert cli("hq", "--hq-home", str(hq), "revoke-device", key_id.group(1)).code == 0
    revoked = cli("hq", "--hq-home", str(hq), "import-batch", str(batch))
    assert revoked.code == 1 and "unknown device" in revoked.err


def test_bad_inputs(store_file: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad_key = tmp_path / "key"
    bad_key.write_text("not hex")
    assert cli("export-batch", str(tmp_path / "b"), "--hq-key", str(bad_key)).code == 1
    assert cli("hq", "--hq-home", str(tmp_path / "none"), "import-batch", str(bad_key)).code == 1
    hq = tmp_path / "hq"
    cli("hq", "--hq-home", str(hq), "init")
    junk = tmp_path / "junk.fkbatch"
    junk.write_bytes(b"\x00" * 100)
    result = cli("hq", "--hq-home", str(hq), "import-batch", str(junk))
    assert result.code == 1 and "not a fieldkit batch" in result.err
    assert cli("hq", "--hq-home", str(hq), "register-device", "--public-key", "abc", "--name", "x").code == 1
